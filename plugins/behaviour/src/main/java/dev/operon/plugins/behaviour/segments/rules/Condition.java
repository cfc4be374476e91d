package dev.operon.plugins.behaviour.segments.rules;

/** One compiled node of a segment rule. Immutable and thread-safe; evaluation state lives in {@link Facts}. */
public interface Condition {

    /**
     * Whether the profile in {@code facts} meets the condition now. A condition whose truth can change by the mere
     * passing of time (a count within a window, a time since) reports the next such moment with
     * {@link Facts#changesAt(long)}.
     */
    boolean test(Facts facts);
}
