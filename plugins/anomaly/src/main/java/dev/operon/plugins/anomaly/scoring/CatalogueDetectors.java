package dev.operon.plugins.anomaly.scoring;

import dev.operon.plugins.anomaly.detect.DetectorSettings;
import dev.operon.plugins.anomaly.detect.Detectors;
import dev.operon.plugins.anomaly.detect.SeriesDetector;
import java.util.List;

/** The plugin's detector catalogue ({@link Detectors}) as the scorer's factory. */
public final class CatalogueDetectors implements DetectorFactory {

    @Override
    public List<String> names() {
        return Detectors.names();
    }

    @Override
    public String defaultName() {
        return Detectors.DEFAULT;
    }

    @Override
    public Scorer create(String name, double sensitivity) {
        SeriesDetector detector = Detectors.create(name, new DetectorSettings(sensitivity));
        return detector::score;
    }

    /** Sensitivities a series may have. */
    public static double clamp(double sensitivity) {
        return Math.max(DetectorSettings.MIN_SENSITIVITY, Math.min(DetectorSettings.MAX_SENSITIVITY, sensitivity));
    }
}
