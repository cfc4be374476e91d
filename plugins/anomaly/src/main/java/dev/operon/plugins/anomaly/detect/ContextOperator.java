package dev.operon.plugins.anomaly.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * CAD OSE's memory of contexts (after M. Smirnov's Contextual Anomaly Detector, Open Source Edition, as published
 * with NAB), written from its description. A context is a pair of semi-contexts: the facts of one step (the left
 * half: the value's facts plus the contexts active then) and the facts of the next (the right half: the value's
 * facts). Each step forms one such zero-level context from the last two steps; when that one is new, the existing
 * zero-level contexts partly present in the step yield new, more general contexts: the intersections of their halves
 * with what was actually seen.
 *
 * <p>A step is two crossings: {@link #crossRight} with the new value's facts (which contexts whose left half was
 * present saw their right half follow: active; how many were selected; which intersections are candidates) and then
 * {@link #crossLeft} with the new left group (the candidates are stored, and the contexts whose left half is present
 * predict the next value's facts).
 */
final class ContextOperator {

    /** A candidate context: the facts of a left and of a right half. */
    record FactPair(FactSet left, FactSet right) {
    }

    /** What the right crossing found. */
    record Activation(List<CadContext> active, int selected, List<FactPair> candidates) {
    }

    /**
     * What the left crossing found: contexts really added, and the predicted value facts (a bit per fact: value facts
     * are below 64, so {@link FactSet#mask()} is exact for them).
     */
    record Prediction(int newContexts, long predictedFacts) {
    }

    private final int maxLeftLength;
    private final LeftSemiContexts lefts = new LeftSemiContexts();
    private final SemiContextIndex rights = new SemiContextIndex();
    private int contexts;
    /** The zero-level context formed in this step: it takes no part in this step's counting. */
    private CadContext justFormed;
    /** The last left group, and its wholly present left semi-contexts in crossing order. */
    private int[] lastGroup;
    private List<SemiContext> present = List.of();

    /**
     * @param maxLeftLength the longest left half (in facts) an intersection may have to become a new context
     */
    ContextOperator(int maxLeftLength) {
        this.maxLeftLength = maxLeftLength;
    }

    int contexts() {
        return contexts;
    }

    int semiContexts() {
        return lefts.size() + rights.size();
    }

    /** Records the context of two consecutive steps; true when it is new. */
    boolean formZeroLevel(FactSet left, FactSet right) {
        SemiContext l = lefts.getOrCreate(left);
        SemiContext r = rights.getOrCreate(right);
        CadContext context = l.contextWith(r);
        lefts.holdsZeroLevel(l);
        if (context == null) {
            justFormed = add(l, r, true);
            return true;
        }
        context.zeroLevel = true;
        return false;
    }

    /**
     * Crosses the value's facts with the right halves, and updates every context whose left half shared facts with
     * the previous left group.
     *
     * @param growing whether this step formed a new zero-level context, the only case in which intersections are
     *                proposed as new contexts
     */
    Activation crossRight(int[] valueFacts, boolean growing) {
        rights.cross(valueFacts);
        List<CadContext> active = new ArrayList<>();
        List<FactPair> candidates = new ArrayList<>();
        int selected = 0;
        List<SemiContext> crossed = present;
        if (growing && lastGroup != null) {
            crossed = new ArrayList<>(present);
            crossed.addAll(lefts.partiallyPresent(lastGroup));
            crossed.sort(LeftSemiContexts.CROSSING_ORDER);
        }
        for (SemiContext left : crossed) {
            boolean leftPresent = left.present;
            for (CadContext context : left.contexts()) {
                if (context == justFormed) {
                    continue;
                }
                SemiContext right = context.right;
                if (leftPresent) {
                    selected++;
                    context.selectedWeight += right.size();
                    if (right.matchedCount() > 0) {
                        context.confirmedWeight += right.matchedCount();
                        if (right.fullyMatched()) {
                            context.activations++;
                            active.add(context);
                            continue;
                        }
                    } else {
                        continue;
                    }
                }
                if (growing && context.zeroLevel && right.matchedCount() > 0
                        && left.sharedCount() <= maxLeftLength) {
                    candidates.add(new FactPair(left.sharedFacts(), right.matchedFacts()));
                }
            }
        }
        justFormed = null;
        return new Activation(active, selected, candidates);
    }

    /**
     * Stores the candidates not yet known, crosses the new left group with the left halves, and predicts the next
     * value's facts: the right halves of the present contexts that predicted best so far.
     */
    Prediction crossLeft(int[] leftGroup, List<FactPair> candidates) {
        int added = 0;
        for (FactPair pair : candidates) {
            SemiContext l = lefts.getOrCreate(pair.left());
            SemiContext r = rights.getOrCreate(pair.right());
            if (l.contextWith(r) == null) {
                add(l, r, false);
                added++;
            }
        }
        present = lefts.markPresent(leftGroup);
        lastGroup = leftGroup;
        double best = 0.0;
        long predicted = 0L;
        for (SemiContext left : present) {
            for (CadContext context : left.contexts()) {
                double weight = context.predictiveWeight();
                if (weight > best) {
                    best = weight;
                    predicted = 0L;
                }
                if (weight == best) {
                    predicted |= context.right.facts.mask();
                }
            }
        }
        return new Prediction(added, predicted);
    }

    private CadContext add(SemiContext left, SemiContext right, boolean zeroLevel) {
        CadContext context = new CadContext(contexts++, left, right, zeroLevel);
        left.add(context);
        return context;
    }
}
