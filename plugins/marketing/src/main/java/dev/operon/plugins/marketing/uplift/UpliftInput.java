package dev.operon.plugins.marketing.uplift;

import java.util.Map;

/**
 * One user as the uplift model reads them: feature name to value, as {@link ProfileRow} builds it from a profile
 * ({@code trait.<name>} for traits, plus activity features). Missing features count as empty.
 */
public record UpliftInput(Map<String, String> features) {

    public UpliftInput {
        features = features == null ? Map.of() : Map.copyOf(features);
    }
}
