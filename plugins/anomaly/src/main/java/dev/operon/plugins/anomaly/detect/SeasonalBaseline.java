package dev.operon.plugins.anomaly.detect;

import java.util.Arrays;

/**
 * What a series usually does at this time: the median of its values at the same time one, two, ... periods back
 * (nearest-time lookup within half a sampling step, so irregular sampling works). A period is usable only when the
 * sampling gives at least four points per period and the history covers at least two periods.
 */
final class SeasonalBaseline {

    private final TimedHistory history;
    private final SamplingInterval interval = new SamplingInterval(50);
    private final double[] buffer;

    SeasonalBaseline(int historyCapacity, int maxLookBack) {
        history = new TimedHistory(historyCapacity);
        buffer = new double[maxLookBack];
    }

    /** Notes a new point's time (before asking about it): the sampling step is learned from the first gaps. */
    void observeTime(long time) {
        interval.observe(time);
    }

    /** Adds an observed point (after it has been scored). */
    void add(long time, double value) {
        history.add(time, value);
    }

    /** Whether {@code period} can be used for a point at {@code time}. */
    boolean covers(long time, long period) {
        long step = interval.millis();
        return step != 0 && step * 4 <= period && history.size() != 0 && time - history.oldestTime() >= 2 * period;
    }

    /**
     * The median of the values at {@code time} minus 1 to {@code lookBack} periods, or NaN when none was observed
     * (call only when {@link #covers} holds).
     */
    double expected(long time, long period, int lookBack) {
        long tolerance = interval.millis() / 2;
        int n = 0;
        for (int k = 1; k <= lookBack; k++) {
            double past = history.valueNear(time - k * period, tolerance);
            if (!Double.isNaN(past)) {
                buffer[n++] = past;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(buffer, 0, n);
        return n % 2 == 1 ? buffer[n / 2] : 0.5 * (buffer[n / 2 - 1] + buffer[n / 2]);
    }
}
