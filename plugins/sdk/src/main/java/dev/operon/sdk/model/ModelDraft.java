package dev.operon.sdk.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained model version a task asks the platform to register. The folder is copied into the database when the
 * task succeeds; the task may delete it afterwards.
 *
 * @param modelType         the model type id
 * @param directory         the folder the model was saved to
 * @param modelName         the name passed to {@code Model.save}
 * @param validationMetrics metrics on the validation split; must include the type's primary metric
 * @param testMetrics       metrics on a held-out test split, if any (reported, never used to promote)
 * @param parameters        hyper-parameters and settings used for training
 * @param dataFrom          start of the training data window, or null
 * @param dataTo            end of the training data window, or null
 * @param properties        small string properties needed to serve it (class names, input size)
 */
public record ModelDraft(String modelType, Path directory, String modelName, Map<String, Double> validationMetrics,
                         Map<String, Double> testMetrics, Map<String, Object> parameters, Instant dataFrom,
                         Instant dataTo, Map<String, String> properties) {

    public ModelDraft {
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(modelName, "modelName");
        validationMetrics = Map.copyOf(validationMetrics);
        testMetrics = Map.copyOf(testMetrics);
        parameters = Map.copyOf(parameters);
        properties = Map.copyOf(properties);
    }

    /** Starts a draft for the model saved in {@code directory} under {@code modelName}. */
    public static Builder of(String modelType, Path directory, String modelName) {
        return new Builder(modelType, directory, modelName);
    }

    /** Builds a {@link ModelDraft}. */
    public static final class Builder {
        private final String modelType;
        private final Path directory;
        private final String modelName;
        private final Map<String, Double> validation = new LinkedHashMap<>();
        private final Map<String, Double> test = new LinkedHashMap<>();
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Instant dataFrom;
        private Instant dataTo;

        private Builder(String modelType, Path directory, String modelName) {
            this.modelType = modelType;
            this.directory = directory;
            this.modelName = modelName;
        }

        public Builder validationMetric(String name, double value) {
            validation.put(name, value);
            return this;
        }

        public Builder testMetric(String name, double value) {
            test.put(name, value);
            return this;
        }

        public Builder parameter(String name, Object value) {
            parameters.put(name, value);
            return this;
        }

        public Builder property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        public Builder dataWindow(Instant from, Instant to) {
            dataFrom = from;
            dataTo = to;
            return this;
        }

        public ModelDraft build() {
            return new ModelDraft(modelType, directory, modelName, validation, test, parameters, dataFrom, dataTo,
                    properties);
        }
    }
}
