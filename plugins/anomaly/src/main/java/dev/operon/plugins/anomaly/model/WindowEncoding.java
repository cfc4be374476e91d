package dev.operon.plugins.anomaly.model;

import java.util.Arrays;

/**
 * How the forecaster sees a series: the last {@link #WIDTH} values, centred on their median and divided by a robust
 * spread (MAD, or the range when the MAD is zero), clipped to +-{@link #CLIP}. The next value is encoded the same
 * way, relative to the window before it. Because every window is normalised by itself, one network serves series of
 * any level and scale, and a level shift or trend does not leave the network's input range.
 */
public final class WindowEncoding {

    /** Values per input window. */
    public static final int WIDTH = 24;
    /** Encoded values are clipped to this magnitude. */
    public static final float CLIP = 10f;

    private WindowEncoding() {
    }

    /** The centre and scale of a window of {@link #WIDTH} values. */
    public record Frame(double center, double scale) {

        public float encode(double value) {
            return (float) Math.max(-CLIP, Math.min(CLIP, (value - center) / scale));
        }

        public double decode(double encoded) {
            return center + encoded * scale;
        }
    }

    /** The frame of {@code values[from .. from + WIDTH)}. */
    public static Frame frame(double[] values, int from) {
        double[] window = Arrays.copyOfRange(values, from, from + WIDTH);
        Arrays.sort(window);
        double median = 0.5 * (window[WIDTH / 2 - 1] + window[WIDTH / 2]);
        double[] deviations = new double[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            deviations[i] = Math.abs(window[i] - median);
        }
        Arrays.sort(deviations);
        double mad = 1.4826 * 0.5 * (deviations[WIDTH / 2 - 1] + deviations[WIDTH / 2]);
        double range = window[WIDTH - 1] - window[0];
        double scale = mad > 0 ? mad : range > 0 ? range / 4 : Math.max(1e-6, Math.abs(median) * 1e-3);
        return new Frame(median, scale);
    }

    /** Writes the encoded window {@code values[from .. from + WIDTH)} into {@code out} at {@code offset}. */
    public static Frame encode(double[] values, int from, float[] out, int offset) {
        Frame frame = frame(values, from);
        for (int i = 0; i < WIDTH; i++) {
            out[offset + i] = frame.encode(values[from + i]);
        }
        return frame;
    }
}
