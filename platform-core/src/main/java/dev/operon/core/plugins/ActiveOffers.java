package dev.operon.core.plugins;

import dev.operon.sdk.OperonPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What the active plugins offer through one method of {@link OperonPlugin} (their channels, their services), asked
 * for on every call so that enabling or disabling a plugin shows at once. The method runs with the plugin's class
 * loader as context loader. A plugin whose method throws offers nothing; the others' offers are still listed.
 *
 * @param <T> the type offered
 */
final class ActiveOffers<T> {

    private static final Logger LOG = Logger.getLogger(ActiveOffers.class);

    /** One plugin's method that lists its offers. */
    @FunctionalInterface
    interface Offers<T> {
        List<? extends T> of(OperonPlugin plugin) throws Exception;
    }

    private final Supplier<List<PluginEntry>> entries;
    private final String method;
    private final Offers<T> offers;

    /**
     * @param method the name of the plugin's method, for the log ({@code channels}, {@code services})
     */
    ActiveOffers(Supplier<List<PluginEntry>> entries, String method, Offers<T> offers) {
        this.entries = entries;
        this.method = method;
        this.offers = offers;
    }

    /**
     * Every offer of the active plugins (null ones left out), in plugin order, each passed with its plugin's code
     * loader through {@code inPluginLoader}.
     */
    <R> List<R> list(BiFunction<T, ClassLoader, R> inPluginLoader) {
        List<R> out = new ArrayList<>();
        for (PluginEntry entry : entries.get()) {
            if (entry.status() != PluginStatus.ACTIVE || entry.duplicate()) {
                continue;
            }
            List<? extends T> offered;
            try {
                offered = ContextLoader.call(entry.codeLoader(), () -> offers.of(entry.plugin()));
            } catch (Exception | LinkageError e) {
                LOG.warnf("plugin %s: %s() failed, its %s are left out: %s", entry.id(), method, method,
                        PluginRegistry.oneLine(e));
                continue;
            }
            for (T offer : offered == null ? List.<T>of() : offered) {
                if (offer != null) {
                    out.add(inPluginLoader.apply(offer, entry.codeLoader()));
                }
            }
        }
        return List.copyOf(out);
    }
}
