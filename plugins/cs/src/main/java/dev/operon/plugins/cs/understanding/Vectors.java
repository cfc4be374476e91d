package dev.operon.plugins.cs.understanding;

/** Small dense-vector helpers. */
public final class Vectors {

    private Vectors() {
    }

    /** Scales {@code v} in place to unit length (a zero vector stays zero). */
    public static void normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0) {
            return;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
    }

    /** Dot product; the cosine for unit vectors. */
    public static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
