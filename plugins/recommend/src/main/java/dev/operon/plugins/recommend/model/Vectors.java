package dev.operon.plugins.recommend.model;

/** Dot products over row-major vector tables. */
final class Vectors {

    private Vectors() {
    }

    /** {@code out[i] = table[i] . query} for every row. */
    static void dotAll(float[] table, int dimension, int rows, float[] query, float[] out) {
        for (int i = 0; i < rows; i++) {
            float sum = 0;
            int base = i * dimension;
            for (int d = 0; d < dimension; d++) {
                sum += table[base + d] * query[d];
            }
            out[i] = sum;
        }
    }

    /** {@code out[i]} = cosine of row i and row {@code of}. */
    static void cosineAll(float[] table, int dimension, int rows, int of, float[] out) {
        float[] query = new float[dimension];
        System.arraycopy(table, of * dimension, query, 0, dimension);
        dotAll(table, dimension, rows, query, out);
        double queryNorm = Math.sqrt(out[of]);
        for (int i = 0; i < rows; i++) {
            double norm = 0;
            for (int d = 0; d < dimension; d++) {
                float v = table[i * dimension + d];
                norm += v * v;
            }
            double denominator = Math.sqrt(norm) * queryNorm;
            out[i] = denominator > 0 ? (float) (out[i] / denominator) : 0f;
        }
    }
}
