package dev.operon.sdk.channel;

import java.util.List;
import java.util.Optional;

/**
 * The delivery channels that every active plugin offers through {@link dev.operon.sdk.OperonPlugin#channels()}, for
 * any plugin to send through (alerts, campaigns, replies). Retrying is the caller's business: a channel throws for
 * a failure that may pass and answers a permanent {@link Delivery} for one that will not (since SDK 1.2).
 */
public interface Channels {

    /** The channels of the active plugins, in plugin order. */
    List<Channel> list();

    /** The channel with this id ({@code <plugin-id>.<name>}), if its plugin is active. */
    default Optional<Channel> find(String id) {
        return list().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** No channels at all: what contexts of platforms older than SDK 1.2 answer. */
    static Channels none() {
        return List::of;
    }
}
