package dev.operon.core.tasks;

import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.util.Map;

/** A task type with its defaults and the JSON Schemas of its input and output. */
public record TaskTypeView(String id, String title, String description, long defaultTimeoutSeconds,
                           int defaultMaxRetries, String defaultConcurrency, Map<String, Object> inputSchema,
                           Map<String, Object> outputSchema) {

    static TaskTypeView of(TaskType<?, ?> type) {
        TaskDefaults defaults = type.defaults();
        return new TaskTypeView(type.id(), type.title(), type.description(), defaults.timeout().toSeconds(),
                defaults.maxRetries(), defaults.concurrency().name().toLowerCase(),
                JsonSchemas.of(type.inputType()), JsonSchemas.of(type.outputType()));
    }
}
