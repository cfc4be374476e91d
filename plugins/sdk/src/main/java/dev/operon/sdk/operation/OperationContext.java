package dev.operon.sdk.operation;

import dev.operon.sdk.PluginScope;

/** What an operation may use: who is calling, and its plugin's {@link PluginScope} (configuration, data, ...). */
public interface OperationContext extends PluginScope {

    /** The caller as the audit log names it, such as {@code operator:alice} or {@code api-key:k1}. */
    String actor();

    /** The request id, for logs. */
    String requestId();

    /**
     * For actions: what to put in the audit record besides the input (before and after values). Secrets must not be
     * included. Calling it for a query does nothing.
     */
    void audit(Object before, Object after);
}
