package dev.operon.sdk.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * A stored model version as files on this node: the folder the training saved (restored from the database), the
 * name it saved the model under, and the properties it registered (class names, input size, ...). Read-only.
 *
 * @param directory  the folder holding the version's files
 * @param modelName  the name passed to {@code Model.save(directory, modelName)}
 * @param properties small string properties registered with the version
 */
public record ModelFiles(Path directory, String modelName, Map<String, String> properties) {

    public ModelFiles {
        properties = Map.copyOf(properties);
    }

    /** A property, or an {@link IllegalStateException} naming it when the version lacks it. */
    public String property(String key) {
        String value = properties.get(key);
        if (value == null) {
            throw new IllegalStateException("model version has no property '" + key + "'");
        }
        return value;
    }
}
