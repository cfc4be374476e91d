package dev.operon.sdk.testkit;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.service.ServiceOffer;
import dev.operon.sdk.service.Services;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The typed services a plugin under test sees (since SDK 1.4): its own (as the platform would offer them) followed
 * by those a test {@link #add adds}, standing in for another plugin's, for example a fixed
 * {@link dev.operon.sdk.recommend.Recommendations}. {@link #clear()} takes the added ones away again, as disabling
 * the offering plugin would.
 */
public final class TestServices implements Services {

    private final OperonPlugin plugin;
    private final List<ServiceOffer<?>> added = new CopyOnWriteArrayList<>();

    TestServices(OperonPlugin plugin) {
        this.plugin = plugin;
    }

    /** Offers {@code implementation} as {@code type} to the plugin; returns it for chaining. */
    public <T, I extends T> I add(Class<T> type, I implementation) {
        added.add(ServiceOffer.of(type, implementation));
        return implementation;
    }

    /** Removes every service a test added. */
    public void clear() {
        added.clear();
    }

    @Override
    public List<ServiceOffer<?>> list() {
        List<ServiceOffer<?>> all = new ArrayList<>(plugin.services());
        all.addAll(added);
        return List.copyOf(all);
    }
}
