package dev.operon.core.plugins;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.service.ServiceOffer;
import dev.operon.sdk.service.Services;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Supplier;

/**
 * The typed services of the active plugins (SDK 1.4), looked up on every call as {@link ActiveChannels} are, so that
 * enabling or disabling a plugin shows at once. Each implementation is handed out behind a proxy of its SDK
 * interface that runs every call with its own plugin's class loader as context loader, whoever calls it. A plugin
 * whose {@code services()} throws, or offers a type that is not an interface loaded by the SDK's loader, offers
 * none; the others' services are still listed.
 */
final class ActiveServices implements Services {

    private final ActiveOffers<ServiceOffer<?>> offers;

    ActiveServices(Supplier<List<PluginEntry>> entries) {
        this.offers = new ActiveOffers<>(entries, "services", OperonPlugin::services);
    }

    @Override
    public List<ServiceOffer<?>> list() {
        return offers.list(ActiveServices::inPluginLoader);
    }

    private static <T> ServiceOffer<T> inPluginLoader(ServiceOffer<T> offer, ClassLoader loader) {
        T target = offer.implementation();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "service " + offer.type().getName() + " of " + target.getClass().getName();
                };
            }
            try {
                return ContextLoader.call(loader, () -> {
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw new Unwrapped(e.getCause());
                    }
                });
            } catch (Unwrapped e) {
                throw e.getCause();
            }
        };
        T proxy = offer.type().cast(Proxy.newProxyInstance(offer.type().getClassLoader(),
                new Class<?>[] {offer.type()}, handler));
        return ServiceOffer.of(offer.type(), proxy);
    }

    /** Carries the implementation's own exception through {@link ContextLoader#call}. */
    private static final class Unwrapped extends Exception {
        Unwrapped(Throwable cause) {
            super(cause);
        }
    }
}
