package dev.operon.core.plugins;

import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The channels of the active plugins, looked up on every call so that enabling or disabling a plugin shows at once.
 * Each channel sends with its own plugin's class loader as context loader, whoever calls it. The entries come from
 * {@link PluginRegistry#currentEntries()}: a plugin may look channels up from its own {@code start}, while the
 * registry is still loading, and then sees the plugins started before it. A plugin whose {@code channels()} throws
 * offers none; the others' channels are still listed.
 */
final class ActiveChannels implements Channels {

    private static final Logger LOG = Logger.getLogger(ActiveChannels.class);

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
            List<Channel> offered;
            try {
                offered = ContextLoader.call(entry.codeLoader(), () -> entry.plugin().channels());
            } catch (Exception | LinkageError e) {
                LOG.warnf("plugin %s: channels() failed, its channels are left out: %s", entry.id(),
                        PluginRegistry.oneLine(e));
                continue;
            }
            for (Channel channel : offered == null ? List.<Channel>of() : offered) {
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
