package dev.operon.sdk.testkit;

/**
 * What the platform would write to the audit log for one operation call: every call of an action, and every call
 * refused for a too-low role.
 *
 * @param operation the operation's name
 * @param actor     the caller, such as {@code test:operator}
 * @param outcome   how the call ended
 * @param input     the bound input record, or null when the call was refused before binding
 * @param before    what the action passed to {@code OperationContext.audit} as the state before, or null
 * @param after     what it passed as the state after, or null
 */
public record AuditRecord(String operation, String actor, Outcome outcome, Object input, Object before,
                          Object after) {

    /** How an audited call ended. */
    public enum Outcome { SUCCEEDED, FAILED, DENIED }
}
