package dev.operon.core.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A task definition as sent to create or replace one. Absent policy fields take the task type's defaults.
 *
 * @param name                unique, 1-200 characters: letters, digits, space and {@code . _ - :}
 * @param description         free text for operators
 * @param type                a task type id such as {@code core.http-call}
 * @param params              parameters, validated against the type's input schema
 * @param schedule            when it runs by itself; manual when absent
 * @param enabled             true by default
 * @param concurrency         allow, skip or queue
 * @param maxRetries          retries after a failed attempt (0-100)
 * @param retryBackoffSeconds first retry delay; doubles each time, capped at an hour (0-86400, default 10)
 * @param timeoutSeconds      one attempt's time limit (1 s to 7 days)
 */
public record TaskRequest(
        @NotBlank @Size(max = 200)
        @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._:-]*", message = "letters, digits, space and . _ - : only")
        String name,
        @Size(max = 2000) String description,
        @NotBlank String type,
        JsonNode params,
        @Valid ScheduleSpec schedule,
        Boolean enabled,
        @Pattern(regexp = "allow|skip|queue", message = "must be allow, skip or queue") String concurrency,
        @Min(0) @Max(100) Integer maxRetries,
        @Min(0) @Max(86_400) Integer retryBackoffSeconds,
        @Min(1) @Max(604_800) Long timeoutSeconds) {
}
