package dev.operon.core.plugins;

import dev.operon.sdk.service.ServiceOffer;
import dev.operon.sdk.service.Services;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The typed services of the active plugins (SDK 1.4), looked up on every call as {@link ActiveChannels} are, so that
 * enabling or disabling a plugin shows at once. Each implementation is handed out behind a proxy of its SDK
 * interface that runs every call with its own plugin's class loader as context loader, whoever calls it. A plugin
 * whose {@code services()} throws, or offers a type that is not an interface loaded by the SDK's loader, offers
 * none; the others' services are still listed.
 */
final class ActiveServices implements Services {

    private static final Logger LOG = Logger.getLogger(ActiveServices.class);

    private final Supplier<List<PluginEntry>> entries;

    ActiveServices(Supplier<List<PluginEntry>> entries) {
        this.entries = entries;
    }

    @Override
    public List<ServiceOffer<?>> list() {
        List<ServiceOffer<?>> services = new ArrayList<>();
        for (PluginEntry entry : entries.get()) {
            if (entry.status() != PluginStatus.ACTIVE || entry.duplicate()) {
                continue;
            }
            List<ServiceOffer<?>> offered;
            try {
                offered = ContextLoader.call(entry.codeLoader(), () -> entry.plugin().services());
            } catch (Exception | LinkageError e) {
                LOG.warnf("plugin %s: services() failed, its services are left out: %s", entry.id(),
                        PluginRegistry.oneLine(e));
                continue;
            }
            for (ServiceOffer<?> offer : offered == null ? List.<ServiceOffer<?>>of() : offered) {
                if (offer == null) {
                    continue;
                }
                services.add(inPluginLoader(offer, entry.codeLoader()));
            }
        }
        return List.copyOf(services);
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
