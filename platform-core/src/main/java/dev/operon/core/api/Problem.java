package dev.operon.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error the API returns.
 *
 * @param type      a URI naming the kind of problem (relative to {@code /problems/})
 * @param title     short summary of the kind
 * @param status    the HTTP status
 * @param detail    what went wrong this time, for people
 * @param instance  the request path
 * @param requestId the request id, also in the {@code X-Request-Id} header and the audit log
 * @param errors    for validation problems, one entry per invalid field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid field.
     *
     * @param field   the field's JSON path, for example {@code params.seconds} or {@code schedule.cron}
     * @param message why it is invalid
     */
    public record FieldError(String field, String message) {
    }
}
