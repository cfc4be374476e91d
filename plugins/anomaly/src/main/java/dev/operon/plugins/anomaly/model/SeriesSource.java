package dev.operon.plugins.anomaly.model;

import java.time.Instant;
import java.util.List;

/**
 * Where {@link ForecastTrainTask} reads metric history from: the plugin's series store implements it. Kept to two
 * methods so the store and the training side stay independent.
 */
public interface SeriesSource {

    /** The names of the series to train on. */
    List<String> seriesNames() throws Exception;

    /** A series' values between {@code from} (included) and {@code to} (excluded), oldest first; NaN = missing. */
    double[] values(String series, Instant from, Instant to) throws Exception;

    /** A source with no series, until the store is wired in. */
    static SeriesSource none() {
        return new SeriesSource() {
            @Override
            public List<String> seriesNames() {
                return List.of();
            }

            @Override
            public double[] values(String series, Instant from, Instant to) {
                return new double[0];
            }
        };
    }
}
