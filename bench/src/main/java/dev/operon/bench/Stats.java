package dev.operon.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, spread and percentiles of a small sample. */
final class Stats {

    private final List<Double> sorted;

    Stats(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        this.sorted = new ArrayList<>(values);
        Collections.sort(sorted);
    }

    double median() {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted.get(0);
    }

    double max() {
        return sorted.get(sorted.size() - 1);
    }

    double mean() {
        return sorted.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p} percent of the sample at or below it. */
    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    int count() {
        return sorted.size();
    }
}
