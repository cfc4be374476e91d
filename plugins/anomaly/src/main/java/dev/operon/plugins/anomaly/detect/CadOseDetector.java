package dev.operon.plugins.anomaly.detect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Contextual anomaly detection after CAD OSE (M. Smirnov's Contextual Anomaly Detector, Open Source Edition, an entry
 * of the NAB scoreboard), written from its published description. Online: NAB hands CAD OSE the whole file's range
 * and a rest period of a fifth of the file's probation; here the range is the one seen so far ({@link RangeSteps},
 * with the kept history relearned whenever it widens) and the rest period is given (the catalogue uses CAD OSE's own
 * default, 30 points).
 *
 * <ol>
 *   <li>Each value becomes a step of the range ({@link ValueSteps}, 8 steps for 3 bits), and the step's bits become
 *   facts (bit position and bit value).</li>
 *   <li>The facts, together with the contexts active at the previous step (at most 15, the most often confirmed),
 *   form a left group; the left group of the previous step and the facts of this one form a zero-level context in the
 *   {@link ContextOperator}. When that context is new, intersections of known zero-level contexts with what was seen
 *   grow new, more general ones (left halves of at most 7 facts).</li>
 *   <li>A point's raw score is 0 when the previous step predicted all its facts; otherwise it is the mean of the share
 *   of selected contexts (left half present) that did not come true and the share of candidate contexts that were
 *   really new.</li>
 *   <li>Rest: a raw score is reported only when no raw score of the previous {@code restPeriod} points reached 0.75;
 *   the first {@code restPeriod} points only learn.</li>
 * </ol>
 *
 * <p>Missing points score 0 and leave the state untouched; timestamps are not used, so irregular sampling changes
 * nothing. Memory: the history kept for relearning is bounded, and so are the contexts: when {@code maxContexts} is
 * reached the memory and the history start afresh (the rest period then passes again before anything is reported).
 */
final class CadOseDetector implements SeriesDetector {

    private static final double BASE_THRESHOLD = 0.75;
    private static final int MAX_LEFT_LENGTH = 7;
    private static final int MAX_ACTIVE = 15;
    /** Contexts become facts of the left group above the value facts (0 to 5). */
    private static final int CONTEXT_FACTS = 64;
    private static final Comparator<CadContext> MOST_CONFIRMED_LAST =
            Comparator.<CadContext>comparingInt(c -> c.activations).thenComparingInt(c -> c.id);

    private final int maxContexts;
    private final double[] recentRaw;
    private int nextRaw;
    private ContextOperator operator;
    private FactSet leftGroup;
    private long predictedFacts;
    private final ValueSteps steps;
    private double lastRaw;
    private final double[] history;
    private int historySize;
    private int historyNext;

    /** How values become steps, whose bits become facts. */
    interface ValueSteps {
        /** Bits of a step (facts 0 to 2 bits - 1). */
        int bits();

        /**
         * Takes the next observed value into account (called once per value, in order, before {@link #step}).
         *
         * @return true when the steps of earlier values changed, so that the memory is to be rebuilt from the history
         */
        boolean observe(double value);

        /** The step of a value under the current quantisation, in [0, 2^bits). */
        int step(double value);
    }

    /**
     * @param restPeriod    points after a raw score of 0.75 or more during which nothing is reported, and the points
     *                      that only learn at the start
     * @param maxContexts   the most contexts kept before the memory starts afresh
     * @param historyLength the most recent values kept to relearn from when the steps change (0: none)
     * @param steps         how values become steps
     */
    CadOseDetector(int restPeriod, int maxContexts, int historyLength, ValueSteps steps) {
        this.history = new double[historyLength];
        this.maxContexts = maxContexts;
        this.steps = steps;
        this.recentRaw = new double[Math.max(1, restPeriod)];
        restart();
    }

    private void restart() {
        forget();
        historySize = 0;
        Arrays.fill(recentRaw, 0.0);
        recentRaw[0] = 1.0;
        nextRaw = 1 % recentRaw.length;
    }

    private void forget() {
        operator = new ContextOperator(MAX_LEFT_LENGTH);
        leftGroup = null;
        predictedFacts = 0L;
    }

    /** Learns the kept history afresh under the current steps, as if they had been known from its start. */
    private void rebuild() {
        forget();
        int first = (historyNext - historySize + history.length) % history.length;
        for (int k = 0; k < historySize; k++) {
            step(facts(steps.step(history[(first + k) % history.length])));
        }
    }

    @Override
    public double score(long timestampMillis, double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        if (operator.contexts() >= maxContexts) {
            restart();
        }
        if (steps.observe(value) && historySize > 0) {
            rebuild();
        }
        if (history.length > 0) {
            history[historyNext] = value;
            historyNext = (historyNext + 1) % history.length;
            historySize = Math.min(history.length, historySize + 1);
        }
        int[] facts = facts(steps.step(value));
        boolean predicted = true;
        for (int fact : facts) {
            predicted &= (predictedFacts & (1L << fact)) != 0;
        }
        double raw = step(facts);
        if (predicted) {
            raw = 0.0;
        }
        double recentMax = 0.0;
        for (double r : recentRaw) {
            recentMax = Math.max(recentMax, r);
        }
        lastRaw = raw;
        recentRaw[nextRaw] = raw;
        nextRaw = (nextRaw + 1) % recentRaw.length;
        return recentMax < BASE_THRESHOLD ? raw : 0.0;
    }

    /** The contexts in memory now. */
    int contextCount() {
        return operator.contexts();
    }

    /** The last point's raw score, before the rest period was applied. */
    double lastRaw() {
        return lastRaw;
    }

    /** Bit s of the step becomes fact 2 s + bit. */
    private int[] facts(int step) {
        int[] facts = new int[steps.bits()];
        for (int s = 0; s < facts.length; s++) {
            facts[s] = 2 * s + ((step >> s) & 1);
        }
        return facts;
    }

    /** One step of the context operator; returns the raw score before the prediction check. */
    private double step(int[] valueFacts) {
        FactSet current = new FactSet(valueFacts);
        Set<ContextOperator.FactPair> uniqueCandidates = new HashSet<>();
        boolean formedNew = false;
        if (leftGroup != null) {
            uniqueCandidates.add(new ContextOperator.FactPair(leftGroup, current));
            formedNew = operator.formZeroLevel(leftGroup, current);
        }
        ContextOperator.Activation activation = operator.crossRight(valueFacts, formedNew);
        uniqueCandidates.addAll(activation.candidates());
        double unconfirmed = activation.selected() > 0
                ? 1.0 - activation.active().size() / (double) activation.selected() : 1.0;
        leftGroup = leftGroup(valueFacts, activation.active());
        ContextOperator.Prediction prediction = operator.crossLeft(leftGroup.facts(), activation.candidates());
        predictedFacts = prediction.predictedFacts();
        int added = prediction.newContexts() + (formedNew ? 1 : 0);
        double novel = formedNew ? added / (double) uniqueCandidates.size() : 0.0;
        return (unconfirmed + novel) / 2.0;
    }

    /** The {@link #MAX_ACTIVE} most confirmed contexts (ties: the newer), by a bounded insertion. */
    private static List<CadContext> mostConfirmed(List<CadContext> active) {
        if (active.size() <= MAX_ACTIVE) {
            return active;
        }
        CadContext[] best = new CadContext[MAX_ACTIVE];
        int size = 0;
        for (CadContext c : active) {
            if (size < MAX_ACTIVE) {
                int i = size++;
                while (i > 0 && MOST_CONFIRMED_LAST.compare(c, best[i - 1]) < 0) {
                    best[i] = best[i - 1];
                    i--;
                }
                best[i] = c;
            } else if (MOST_CONFIRMED_LAST.compare(c, best[0]) > 0) {
                int i = 0;
                while (i + 1 < MAX_ACTIVE && MOST_CONFIRMED_LAST.compare(c, best[i + 1]) > 0) {
                    best[i] = best[i + 1];
                    i++;
                }
                best[i] = c;
            }
        }
        return Arrays.asList(best);
    }

    /** The value's facts and the most confirmed active contexts, as one ascending set. */
    private static FactSet leftGroup(int[] valueFacts, List<CadContext> active) {
        List<CadContext> kept = mostConfirmed(active);
        int[] group = new int[valueFacts.length + kept.size()];
        System.arraycopy(valueFacts, 0, group, 0, valueFacts.length);
        int i = valueFacts.length;
        for (CadContext c : kept) {
            group[i++] = CONTEXT_FACTS + c.id;
        }
        Arrays.sort(group);
        return new FactSet(group);
    }
}
