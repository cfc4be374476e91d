package dev.operon.core.audit;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One thing to record in the audit log. {@code before}, {@code after} and {@code details} are JSON-able values (maps,
 * records, lists, strings, numbers); secrets in them are redacted before they are stored.
 *
 * @param actor     who did it
 * @param action    dotted lowercase verb, for example {@code task.create}, {@code run.state}, {@code auth.login};
 *                  the first segment names the area, so that queries can filter by prefix ({@code task.})
 * @param target    what it was done to, {@code kind:id} (for example {@code task:12}), or null
 * @param outcome   {@code success}, {@code failure} or {@code denied}
 * @param requestId the HTTP request id, when it came through the API
 */
public record AuditEvent(Actor actor, String action, String target, String outcome, String requestId,
                         Object before, Object after, Object details) {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String DENIED = "denied";
    public static final Set<String> OUTCOMES = Set.of(SUCCESS, FAILURE, DENIED);

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*");

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        if (!isAction(action)) {
            throw new IllegalArgumentException("audit action must be dotted lowercase words, not '" + action + "'");
        }
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("audit outcome must be one of " + OUTCOMES + ", not '" + outcome + "'");
        }
    }

    /** True when {@code text} is a well-formed action name. */
    public static boolean isAction(String text) {
        return text != null && ACTION.matcher(text).matches();
    }

    public static AuditEvent success(Actor actor, String action, String target) {
        return new AuditEvent(actor, action, target, SUCCESS, null, null, null, null);
    }

    public AuditEvent withBefore(Object value) {
        return new AuditEvent(actor, action, target, outcome, requestId, value, after, details);
    }

    public AuditEvent withAfter(Object value) {
        return new AuditEvent(actor, action, target, outcome, requestId, before, value, details);
    }

    public AuditEvent withDetails(Object value) {
        return new AuditEvent(actor, action, target, outcome, requestId, before, after, value);
    }

    public AuditEvent withRequestId(String value) {
        return new AuditEvent(actor, action, target, outcome, value, before, after, details);
    }

    public AuditEvent withOutcome(String value) {
        return new AuditEvent(actor, action, target, value, requestId, before, after, details);
    }
}
