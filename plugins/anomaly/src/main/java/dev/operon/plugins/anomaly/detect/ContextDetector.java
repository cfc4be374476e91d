package dev.operon.plugins.anomaly.detect;

/**
 * Context novelty, after the idea of the contextual anomaly detector CAD OSE (Smirnov, an entry of the Numenta
 * Anomaly Benchmark): a point is anomalous when the recent stretch of the series forms a context the detector has
 * never seen. Implemented here from that description, in a simpler form:
 *
 * <ul>
 *   <li>each value is quantised into {@code levels} equal steps of the range seen so far (a value beyond that range
 *       gets a level of its own, "new high" or "new low"), and turned into a symbol
 *       made of its level and how long that level has been held (the run length in powers of two, capped), so that
 *       slow shapes, such as a level held far longer than usual, leave a trace too;</li>
 *   <li>the contexts of a point are the sequences of the last 1, 2, ... {@code maxOrder} symbols;</li>
 *   <li>the raw score is the share of the point's {@code maxOrder} contexts that were never seen before: 0 when
 *       everything about the recent stretch has happened before, 1 for a level never visited.</li>
 * </ul>
 *
 * <p>Nothing is fitted: a context is known or new, so the score means the same on every series. When a value falls
 * outside the range seen so far the range grows; the old contexts then describe other levels and the series learns
 * afresh, which is what a move to a new range calls for. The memory is bounded: contexts are kept in two generations
 * of at most {@code capacity} each; a context not seen again during a whole generation is forgotten.
 */
final class ContextDetector implements SeriesDetector {

    private static final int RUN_BUCKETS = 8;

    private final int levels;
    private final int maxOrder;
    private final int capacity;
    private final int[] symbols;
    private LongSet current = new LongSet();
    private LongSet previous = new LongSet();
    private int count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private int level = -1;
    private int run;

    ContextDetector(int levels, int maxOrder, int capacity) {
        this.levels = levels;
        this.maxOrder = maxOrder;
        this.capacity = capacity;
        this.symbols = new int[maxOrder];
    }

    @Override
    public double score(long timestampMillis, double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        symbols[count % maxOrder] = symbol(value);
        count++;
        int orders = Math.min(maxOrder, count);
        int novel = 0;
        long hash = 0;
        for (int k = 1; k <= orders; k++) {
            hash = mix(hash * 1_000_003L + symbols[(count - k) % maxOrder] + 1) ^ k;
            if (remember(hash)) {
                novel++;
            }
        }
        return novel / (double) maxOrder;
    }

    /** The level of the value within the range seen so far, with the run-length bucket of that level. */
    private int symbol(double value) {
        boolean beyond = count > 0 && (value > max || value < min);
        min = Math.min(min, value);
        max = Math.max(max, value);
        int q = beyond ? (value == max ? levels : levels + 1)
                : max > min ? (int) Math.min(levels - 1, Math.floor((value - min) / (max - min) * levels)) : 0;
        run = q == level ? run + 1 : 1;
        level = q;
        return q * RUN_BUCKETS + Math.min(RUN_BUCKETS - 1, 31 - Integer.numberOfLeadingZeros(run));
    }

    /** Records a context; true when it was not known. */
    private boolean remember(long context) {
        boolean added = current.add(context);
        if (current.size() >= capacity) {
            previous = current;
            current = new LongSet();
        }
        return added && !previous.contains(context);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
