package dev.operon.plugins.marketing;

/** A record as it was before a change and as the same transaction left it, for the audit and the answer. */
public record Edit<T>(T before, T after) {
}
