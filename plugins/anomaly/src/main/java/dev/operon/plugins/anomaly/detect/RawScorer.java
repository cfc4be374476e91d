package dev.operon.plugins.anomaly.detect;

/**
 * One way of measuring how far a point is from what a series' history predicts, as an unbounded non-negative raw
 * score (a robust z-score or similar). Online like {@link SeriesDetector}; {@link Double#NaN} means "no opinion yet"
 * (warming up or missing point).
 */
interface RawScorer {

    double raw(long timestampMillis, double value);
}
