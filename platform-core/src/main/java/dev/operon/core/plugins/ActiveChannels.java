package dev.operon.core.plugins;

import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The channels of the active plugins, looked up on every call so that enabling or disabling a plugin shows at once.
 * Each channel sends with its own plugin's class loader as context loader, whoever calls it.
 */
final class ActiveChannels implements Channels {

    private final Supplier<List<PluginEntry>> entries;

    ActiveChannels(Supplier<List<PluginEntry>> entries) {
        this.entries = entries;
    }

    @Override
    public List<Channel> list() {
        List<Channel> channels = new ArrayList<>();
        for (PluginEntry entry : entries.get()) {
            if (entry.status() != PluginStatus.ACTIVE || entry.duplicate()) {
                continue;
            }
            for (Channel channel : entry.plugin().channels()) {
                channels.add(new InPluginLoader(channel, entry.codeLoader()));
            }
        }
        return List.copyOf(channels);
    }

    private record InPluginLoader(Channel channel, ClassLoader loader) implements Channel {

        @Override
        public String id() {
            return channel.id();
        }

        @Override
        public String title() {
            return channel.title();
        }

        @Override
        public Delivery send(Message message) throws Exception {
            return ContextLoader.call(loader, () -> channel.send(message));
        }
    }
}
