package dev.operon.sdk.channel;

/**
 * A way to deliver a message outside the platform (e-mail, webhook, chat), offered by a plugin and usable by any
 * plugin through the platform (alerts, campaigns, replies). Implementations must be thread-safe.
 */
public interface Channel {

    /** Stable id, {@code <plugin-id>.<name>}, for example {@code alerts.email}. */
    String id();

    String title();

    /**
     * Sends one message. Throw to report a failure that may succeed later (the caller retries with back-off);
     * return a {@link Delivery} with {@code permanent} failure for one that will not (bad address).
     */
    Delivery send(Message message) throws Exception;
}
