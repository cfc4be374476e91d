package dev.operon.plugins.anomaly.detect;

import java.util.Arrays;

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

    private final TimedHistory history;
    private final SamplingInterval interval = new SamplingInterval(50);
    private final Season daily;
    private final Season weekly;
    private boolean abstained = true;

    SeasonalDetector(int historyCapacity, int residualCapacity, int warmup) {
        history = new TimedHistory(historyCapacity);
        daily = new Season(DAY, 3, residualCapacity, warmup);
        weekly = new Season(WEEK, 2, residualCapacity, warmup);
    }

    /** One period: its residual history and how many past periods it looks back. */
    private final class Season {
        final long period;
        final int lookBack;
        final EmpiricalTail high;
        final EmpiricalTail low;
        final double[] buffer;

        Season(long period, int lookBack, int capacity, int warmup) {
            this.period = period;
            this.lookBack = lookBack;
            this.high = new EmpiricalTail(capacity, warmup);
            this.low = new EmpiricalTail(capacity, warmup);
            this.buffer = new double[lookBack];
        }

        double tail(long time, double value, long step) {
            if (step == 0 || step * 4 > period || history.size() == 0 || time - history.oldestTime() < 2 * period) {
                return 1.0;
            }
            abstained = false;
            int n = 0;
            for (int k = 1; k <= lookBack; k++) {
                double past = history.valueNear(time - k * period, step / 2);
                if (!Double.isNaN(past)) {
                    buffer[n++] = past;
                }
            }
            if (n == 0) {
                return 1.0;
            }
            Arrays.sort(buffer, 0, n);
            double expected = n % 2 == 1 ? buffer[n / 2] : 0.5 * (buffer[n / 2 - 1] + buffer[n / 2]);
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
        interval.observe(timestampMillis);
        long step = interval.millis();
        double tail = Math.min(daily.tail(timestampMillis, value, step), weekly.tail(timestampMillis, value, step));
        history.add(timestampMillis, value);
        return Likelihoods.fromTail(Math.min(1.0, 2.0 * tail));
    }

    @Override
    public boolean abstained() {
        return abstained;
    }
}
