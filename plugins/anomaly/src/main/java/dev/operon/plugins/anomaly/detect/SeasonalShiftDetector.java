package dev.operon.plugins.anomaly.detect;

/**
 * A sustained departure from what the series usually does at this time of the week (or of the day), with evidence
 * accumulated over consecutive points: a drop of tracking or an outage that lasts hours, a surge that lasts hours, on a
 * series that is low every night anyway. One point well off the usual is weak evidence (small counts vary a lot);
 * several in a row are strong.
 *
 * <p>A point's expected value comes from {@link SeasonalBaseline}: the median at the same time on the previous
 * {@value #DAYS_BACK} days, and (once the series covers two weeks) the median at the same time in the previous
 * {@value #WEEKS_BACK} weeks; of the two, the one nearer to the value counts, so a point departs only when it is off
 * against both (a Saturday busier than the weekdays before it is normal if it looks like the Saturdays before it; a
 * growing series is judged against yesterday). Nothing is said before the series covers two days. On a series whose
 * values have all been non-negative (counts, sums, rates) the residual is taken on the square-root scale,
 * {@code 2 (sqrt(x + 3/8) - sqrt(e + 3/8))}, which makes the noise of a count about as large at night as at the busy
 * hours (for Poisson counts it is close to a standard normal); on other series it is {@code x - e}. Residuals are
 * standardised by the median and robust spread of the series' past residuals and fed to a {@link TwoSidedCusum}.
 */
final class SeasonalShiftDetector implements SeriesDetector, Abstaining {

    private static final long DAY = 86_400_000L;
    private static final long WEEK = 7 * DAY;
    private static final int DAYS_BACK = 3;
    private static final int WEEKS_BACK = 2;

    private final SeasonalBaseline baseline;
    private final SlidingMedian residuals;
    private final int warmup;
    private final TwoSidedCusum cusum;
    private boolean nonNegative = true;
    private boolean abstained = true;

    /**
     * @param drift    allowance per point, in robust standard deviations of the residual, below which deviations
     *                 do not accumulate
     * @param clip     largest deviation one point can add, in the same units
     * @param capacity residuals remembered for standardising and for the CUSUMs' null distribution
     * @param warmup   residuals seen before the detector gives an opinion
     */
    SeasonalShiftDetector(int historyCapacity, double drift, double clip, int capacity, int warmup) {
        baseline = new SeasonalBaseline(historyCapacity, Math.max(DAYS_BACK, WEEKS_BACK));
        residuals = new SlidingMedian(capacity);
        this.warmup = warmup;
        cusum = new TwoSidedCusum(drift, clip, capacity, warmup);
    }

    @Override
    public double score(long timestampMillis, double value) {
        abstained = true;
        if (Double.isNaN(value)) {
            return 0.0;
        }
        nonNegative &= value >= 0.0;
        baseline.observeTime(timestampMillis);
        double expected = expected(timestampMillis, value);
        baseline.add(timestampMillis, value);
        if (Double.isNaN(expected)) {
            return 0.0;
        }
        double residual = nonNegative ? rootScale(value) - rootScale(Math.max(0.0, expected)) : value - expected;
        if (residuals.size() < warmup) {
            residuals.add(residual);
            return 0.0;
        }
        double center = residuals.median();
        double deviation = (residual - center) / RobustScale.of(residuals, center);
        residuals.add(residual);
        abstained = !cusum.ready();
        return Likelihoods.fromTail(cusum.update(deviation));
    }

    private double expected(long time, double value) {
        double daily = baseline.covers(time, DAY) ? baseline.expected(time, DAY, DAYS_BACK) : Double.NaN;
        double weekly = baseline.covers(time, WEEK) ? baseline.expected(time, WEEK, WEEKS_BACK) : Double.NaN;
        if (Double.isNaN(weekly)) {
            return daily;
        }
        if (Double.isNaN(daily)) {
            return weekly;
        }
        return Math.abs(value - daily) <= Math.abs(value - weekly) ? daily : weekly;
    }

    /** Anscombe's square-root transform: Poisson counts become roughly normal with unit variance. */
    private static double rootScale(double x) {
        return 2.0 * Math.sqrt(x + 0.375);
    }

    @Override
    public boolean abstained() {
        return abstained;
    }
}
