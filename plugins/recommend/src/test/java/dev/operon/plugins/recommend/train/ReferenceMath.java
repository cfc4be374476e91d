package dev.operon.plugins.recommend.train;

/** Plain dense arithmetic for the trainers' tests, which recompute a model's formula the slow, obvious way. */
final class ReferenceMath {

    private ReferenceMath() {
    }

    /** The product of two n × n matrices. */
    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }
}
