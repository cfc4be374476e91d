package dev.operon.sdk.service;

import java.util.Objects;

/**
 * One typed service a plugin offers to the other plugins through {@link dev.operon.sdk.OperonPlugin#services()}:
 * an implementation of an interface that lives in the SDK (such as
 * {@link dev.operon.sdk.recommend.Recommendations}), so that the plugin using it depends on the SDK only, never on
 * the offering plugin. Since SDK 1.4.
 *
 * @param type           the SDK interface offered
 * @param implementation its implementation; thread-safe, usable once the offering plugin has started
 * @param <T>            the interface
 */
public record ServiceOffer<T>(Class<T> type, T implementation) {

    public ServiceOffer {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(implementation, "implementation");
        if (!type.isInterface()) {
            throw new IllegalArgumentException("a service type must be an interface: " + type.getName());
        }
        if (!type.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement "
                    + type.getName());
        }
    }

    /** The offer of {@code implementation} as {@code type}. */
    public static <T> ServiceOffer<T> of(Class<T> type, T implementation) {
        return new ServiceOffer<>(type, implementation);
    }
}
