package dev.operon.plugins.behaviour.churn;

import java.util.Map;

/**
 * What the churn model scores: one profile's raw feature values by column name ({@link ActivitySnapshot} columns).
 * Columns the model does not know are ignored; known ones that are absent count as blank (count columns as 0).
 */
public record ChurnInput(Map<String, String> features) {

    public ChurnInput {
        features = Map.copyOf(features);
    }
}
