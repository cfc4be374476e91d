package dev.operon.plugins.recommend.coldstart;

import dev.operon.plugins.recommend.serving.ServingConfig;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.profiles.Profile;
import java.util.Map;

/**
 * The segment a profile belongs to for cold start: the trait named by {@code segment-trait} when set, otherwise the
 * {@code label} of the profile score named by {@code segment-score} (by default the behaviour plugin's persona,
 * which it writes on every profile it assigns). Segment membership of the behaviour plugin's rule-based segments
 * lives in that plugin's tables, which other plugins cannot read; a trait is how a shop names its own segments.
 */
public final class Segments {

    private Segments() {
    }

    /** The profile's segment, or null. */
    public static String of(Profile profile, PluginConfig config) {
        if (profile == null) {
            return null;
        }
        String trait = config.get(ServingConfig.SEGMENT_TRAIT).orElse("");
        if (!trait.isBlank()) {
            Object value = profile.trait(trait);
            if (value != null && !value.toString().isBlank()) {
                return value.toString().strip();
            }
        }
        String score = config.get(ServingConfig.SEGMENT_SCORE).orElse("");
        if (!score.isBlank()) {
            Map<String, Object> values = profile.scores().get(score);
            if (values != null) {
                Object label = values.get("label");
                if (label == null) {
                    label = values.get("persona");
                }
                if (label != null && !label.toString().isBlank()) {
                    return label.toString().strip();
                }
            }
        }
        return null;
    }
}
