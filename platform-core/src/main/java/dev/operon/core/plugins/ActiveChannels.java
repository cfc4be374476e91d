package dev.operon.core.plugins;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import java.util.List;
import java.util.function.Supplier;

/**
 * The channels of the active plugins, looked up on every call so that enabling or disabling a plugin shows at once.
 * Each channel sends with its own plugin's class loader as context loader, whoever calls it. The entries come from
 * {@link PluginRegistry#currentEntries()}: a plugin may look channels up from its own {@code start}, while the
 * registry is still loading, and then sees the plugins started before it. A plugin whose {@code channels()} throws
 * offers none; the others' channels are still listed (see {@link ActiveOffers}).
 */
final class ActiveChannels implements Channels {

    private final ActiveOffers<Channel> channels;

    ActiveChannels(Supplier<List<PluginEntry>> entries) {
        this.channels = new ActiveOffers<>(entries, "channels", OperonPlugin::channels);
    }

    @Override
    public List<Channel> list() {
        return channels.list(InPluginLoader::new);
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
