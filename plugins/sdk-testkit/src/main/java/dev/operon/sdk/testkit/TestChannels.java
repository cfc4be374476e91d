package dev.operon.sdk.testkit;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The channels a plugin under test sees: its own (as the platform would offer them) followed by those a test
 * {@link #add adds}, typically {@link RecordingChannel}s standing in for another plugin's e-mail or webhook.
 */
public final class TestChannels implements Channels {

    private final OperonPlugin plugin;
    private final List<Channel> added = new CopyOnWriteArrayList<>();

    TestChannels(OperonPlugin plugin) {
        this.plugin = plugin;
    }

    /** Offers {@code channel} to the plugin; returns it for chaining. */
    public <C extends Channel> C add(C channel) {
        added.add(channel);
        return channel;
    }

    @Override
    public List<Channel> list() {
        List<Channel> all = new ArrayList<>(plugin.channels());
        all.addAll(added);
        return List.copyOf(all);
    }
}
