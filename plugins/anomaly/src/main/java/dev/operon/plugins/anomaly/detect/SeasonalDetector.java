package dev.operon.plugins.anomaly.detect;

/**
 * Seasonal decomposition, online: a point's expected value is the median of the values at the same time of day on
 * the previous days (daily season) and at the same time of week in the previous weeks (weekly season); the residual's rarity against the history of residuals
 * (both directions) is the score. A season is used only when the sampling is at least four points per period and the
 * history covers at least two periods; the rarer of the two seasons counts (doubled). Catches a missing daily peak,
 * a flattened day or a weekday behaving like a weekend, which stay within the series' usual range.
 */
final class SeasonalDetector implements SeriesDetector, Abstaining {

    private static final long DAY = 86_400_000L;
    private static final long WEEK = 7 * DAY;

    private static final int DAYS_BACK = 3;
    private static final int WEEKS_BACK = 2;

    private final SeasonalBaseline baseline;
    private final Season daily;
    private final Season weekly;
    private boolean abstained = true;

    SeasonalDetector(int historyCapacity, int residualCapacity, int warmup) {
        baseline = new SeasonalBaseline(historyCapacity, Math.max(DAYS_BACK, WEEKS_BACK));
        daily = new Season(DAY, DAYS_BACK, residualCapacity, warmup);
        weekly = new Season(WEEK, WEEKS_BACK, residualCapacity, warmup);
    }

    /** One period: its residual history and how many past periods it looks back. */
    private final class Season {
        final long period;
        final int lookBack;
        final EmpiricalTail high;
        final EmpiricalTail low;

        Season(long period, int lookBack, int capacity, int warmup) {
            this.period = period;
            this.lookBack = lookBack;
            this.high = new EmpiricalTail(capacity, warmup);
            this.low = new EmpiricalTail(capacity, warmup);
        }

        double tail(long time, double value) {
            if (!baseline.covers(time, period)) {
                return 1.0;
            }
            abstained = false;
            double expected = baseline.expected(time, period, lookBack);
            if (Double.isNaN(expected)) {
                return 1.0;
            }
            double residual = value - expected;
            return Math.min(1.0, 2.0 * Math.min(high.update(residual), low.update(-residual)));
        }
    }

    @Override
    public double score(long timestampMillis, double value) {
        abstained = true;
        if (Double.isNaN(value)) {
            return 0.0;
        }
        baseline.observeTime(timestampMillis);
        double tail = Math.min(daily.tail(timestampMillis, value), weekly.tail(timestampMillis, value));
        baseline.add(timestampMillis, value);
        return Likelihoods.fromTail(Math.min(1.0, 2.0 * tail));
    }

    @Override
    public boolean abstained() {
        return abstained;
    }
}
