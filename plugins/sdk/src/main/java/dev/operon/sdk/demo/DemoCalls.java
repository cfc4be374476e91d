package dev.operon.sdk.demo;

/**
 * Calls of the seeding plugin's own operations from a {@link DemoStep}, the way the platform calls them for an
 * operator: the input bound and validated, an action audited, as the demo seeding's actor. Since SDK 1.9.
 */
public interface DemoCalls {

    /**
     * Calls operation {@code operation} of the seeding plugin and answers its output (the operation's own output
     * type).
     *
     * @param input the operation's input record, or anything that becomes it through JSON (a map of the same shape)
     * @throws Exception when the platform refuses the input or the operation fails
     */
    <O> O call(String operation, Object input) throws Exception;
}
