package dev.operon.plugins.behaviour.clv;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Minimises a smooth function of a few unbounded variables with the Nelder-Mead simplex method, restarted from the
 * best point until a restart no longer improves it (which guards against the simplex collapsing early). No
 * derivatives needed; parameters that must be positive are optimised as logarithms by the callers.
 */
final class NelderMead {

    private static final int MAX_EVALUATIONS = 200_000;

    private NelderMead() {
    }

    /** The result: the best point, its value, and how many function evaluations it took. */
    record Result(double[] point, double value, int evaluations) {
    }

    static Result minimise(ToDoubleFunction<double[]> f, double[] start, double step) {
        double[] best = start.clone();
        double bestValue = safe(f, best);
        int evaluations = 1;
        for (int restart = 0; restart < 50; restart++) {
            Result round = simplex(f, best, restart == 0 ? step : step / 4);
            evaluations += round.evaluations;
            boolean improved = round.value < bestValue - 1e-12 * Math.max(1, Math.abs(bestValue));
            if (round.value <= bestValue) {
                best = round.point;
                bestValue = round.value;
            }
            if (!improved && restart > 0) {
                break;
            }
            if (evaluations > MAX_EVALUATIONS) {
                break;
            }
        }
        return new Result(best, bestValue, evaluations);
    }

    private static double safe(ToDoubleFunction<double[]> f, double[] x) {
        double v = f.applyAsDouble(x);
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static Result simplex(ToDoubleFunction<double[]> f, double[] start, double step) {
        int n = start.length;
        double[][] points = new double[n + 1][];
        double[] values = new double[n + 1];
        points[0] = start.clone();
        for (int i = 0; i < n; i++) {
            points[i + 1] = start.clone();
            points[i + 1][i] += step;
        }
        int evaluations = 0;
        for (int i = 0; i <= n; i++) {
            values[i] = safe(f, points[i]);
            evaluations++;
        }
        Integer[] order = new Integer[n + 1];
        for (int iteration = 0; iteration < 20_000; iteration++) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
            int bestIndex = order[0];
            int worst = order[n];
            int second = order[n - 1];
            double spread = Math.abs(values[worst] - values[bestIndex]);
            double size = 0;
            for (int i = 0; i <= n; i++) {
                for (int d = 0; d < n; d++) {
                    size = Math.max(size, Math.abs(points[i][d] - points[bestIndex][d]));
                }
            }
            if (spread <= 1e-14 * (Math.abs(values[bestIndex]) + 1e-300) && size < 1e-9) {
                break;
            }
            if (size < 1e-12) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i <= n; i++) {
                if (i != worst) {
                    for (int d = 0; d < n; d++) {
                        centroid[d] += points[i][d] / n;
                    }
                }
            }
            double[] reflected = along(centroid, points[worst], -1.0);
            double reflectedValue = safe(f, reflected);
            evaluations++;
            if (reflectedValue < values[bestIndex]) {
                double[] expanded = along(centroid, points[worst], -2.0);
                double expandedValue = safe(f, expanded);
                evaluations++;
                if (expandedValue < reflectedValue) {
                    points[worst] = expanded;
                    values[worst] = expandedValue;
                } else {
                    points[worst] = reflected;
                    values[worst] = reflectedValue;
                }
            } else if (reflectedValue < values[second]) {
                points[worst] = reflected;
                values[worst] = reflectedValue;
            } else {
                boolean outside = reflectedValue < values[worst];
                double[] contracted = outside ? along(centroid, points[worst], -0.5)
                        : along(centroid, points[worst], 0.5);
                double contractedValue = safe(f, contracted);
                evaluations++;
                if (contractedValue < Math.min(reflectedValue, values[worst])) {
                    points[worst] = contracted;
                    values[worst] = contractedValue;
                } else {
                    for (int i = 0; i <= n; i++) {
                        if (i != bestIndex) {
                            for (int d = 0; d < n; d++) {
                                points[i][d] = points[bestIndex][d] + 0.5 * (points[i][d] - points[bestIndex][d]);
                            }
                            values[i] = safe(f, points[i]);
                            evaluations++;
                        }
                    }
                }
            }
        }
        int bestIndex = 0;
        for (int i = 1; i <= n; i++) {
            if (values[i] < values[bestIndex]) {
                bestIndex = i;
            }
        }
        return new Result(points[bestIndex].clone(), values[bestIndex], evaluations);
    }

    /** centroid + t (point - centroid). */
    private static double[] along(double[] centroid, double[] point, double t) {
        double[] out = new double[centroid.length];
        for (int d = 0; d < out.length; d++) {
            out[d] = centroid[d] + t * (point[d] - centroid[d]);
        }
        return out;
    }
}
