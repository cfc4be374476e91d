package dev.operon.plugins.anomaly.detect;

/**
 * CAD OSE's quantisation with the range seen so far: the running minimum and maximum (this value included) cut into
 * {@code 2^bits - 1} equal steps, the minimum in step 0 and the maximum in the last step. NAB hands CAD OSE the whole
 * file's range instead; online that range is not known, so whenever a value widens the range the detector relearns
 * its kept history under the new steps ({@link CadOseDetector.ValueSteps#observe} returns true): its memory is then
 * what it would have been had the range known so far been known from the start.
 */
final class RangeSteps implements CadOseDetector.ValueSteps {

    private final int bits;
    private final int lastStep;
    private boolean seen;
    private double min;
    private double max;

    RangeSteps(int bits) {
        this.bits = bits;
        this.lastStep = (1 << bits) - 1;
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    public boolean observe(double value) {
        if (!seen) {
            seen = true;
            min = value;
            max = value;
            return false;
        }
        if (value >= min && value <= max) {
            return false;
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
        return true;
    }

    @Override
    public int step(double value) {
        // A constant series so far: unit steps, as CAD OSE does for a file whose range is 0.
        double width = max > min ? (max - min) / lastStep : 1.0;
        return (int) Math.max(0, Math.min(lastStep, (value - min) / width));
    }
}
