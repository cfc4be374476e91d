package dev.operon.sdk.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The typed services that the active plugins offer through {@link dev.operon.sdk.OperonPlugin#services()}, found by
 * their SDK interface. A plugin asks for a service every time it needs one (it is not kept): the answer follows
 * plugins being enabled and disabled. A service that no active plugin offers is simply absent: callers treat that
 * as "nothing to add" (an empty list, no personalisation), never as a failure. Since SDK 1.4.
 */
public interface Services {

    /** Every offer of the active plugins, in plugin order. */
    List<ServiceOffer<?>> list();

    /** The first active plugin's implementation of {@code type}, if any offers it. */
    default <T> Optional<T> find(Class<T> type) {
        return all(type).stream().findFirst();
    }

    /** Every active plugin's implementation of {@code type}, in plugin order. */
    default <T> List<T> all(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (ServiceOffer<?> offer : list()) {
            if (offer.type() == type) {
                found.add(type.cast(offer.implementation()));
            }
        }
        return List.copyOf(found);
    }

    /** No services at all: what contexts of platforms older than SDK 1.4 answer. */
    static Services none() {
        return List::of;
    }
}
