package dev.operon.core.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.task.TaskType;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link ActiveChannels} over hand-made registry entries: which plugins' channels show, and how they send. */
class ActiveChannelsTest {

    /** A plugin offering channels with these ids; {@code null} makes {@code channels()} throw. */
    private static OperonPlugin plugin(String id, List<Channel> channels) {
        return new OperonPlugin() {
            @Override
            public PluginInfo info() {
                return new PluginInfo(id, id, "1.0", "[1.0,2.0)", "");
            }

            @Override
            public List<TaskType<?, ?>> tasks() {
                return List.of();
            }

            @Override
            public List<Channel> channels() {
                if (channels == null) {
                    throw new IllegalStateException("broken declarations");
                }
                return channels;
            }
        };
    }

    private static PluginEntry entry(OperonPlugin plugin, boolean active) {
        PluginEntry entry = PluginEntry.of(plugin, plugin.info(), PluginEntry.CLASSPATH, null, null);
        if (active) {
            entry.activate();
        }
        return entry;
    }

    /** Keeps what it sends and the context class loader it sent with. */
    private static final class Probe implements Channel {
        private final String id;
        final AtomicReference<ClassLoader> loader = new AtomicReference<>();
        final List<Message> sent = new ArrayList<>();

        Probe(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String title() {
            return "probe " + id;
        }

        @Override
        public Delivery send(Message message) {
            loader.set(Thread.currentThread().getContextClassLoader());
            sent.add(message);
            return Delivery.ok("kept");
        }
    }

    @Test
    void onlyActivePluginsChannelsShowAndABrokenPluginHidesOnlyItsOwn() {
        Probe email = new Probe("mail.email");
        Probe off = new Probe("off.sms");
        List<PluginEntry> entries = new ArrayList<>(List.of(entry(plugin("broken", null), true),
                entry(plugin("mail", List.of(email)), true), entry(plugin("off", List.of(off)), false)));
        PluginEntry taken = entry(plugin("mail", List.of(new Probe("mail.fax"))), true);
        taken.refuseDuplicate("id taken");
        entries.add(taken);
        ActiveChannels channels = new ActiveChannels(() -> entries);

        assertThat(channels.list()).extracting(Channel::id).containsExactly("mail.email");
        assertThat(channels.find("off.sms")).isEmpty();

        PluginEntry late = entry(plugin("late", List.of(new Probe("late.webhook"))), true);
        entries.add(late);
        assertThat(channels.list()).extracting(Channel::id).containsExactly("mail.email", "late.webhook");
        late.disable();
        assertThat(channels.find("late.webhook")).isEmpty();
    }

    @Test
    void aChannelSendsWithItsPluginsClassLoaderAndTheCallersIsRestored() throws Exception {
        Probe email = new Probe("mail.email");
        PluginEntry entry = entry(plugin("mail", List.of(email)), true);
        ActiveChannels channels = new ActiveChannels(() -> List.of(entry));
        ClassLoader callers = new URLClassLoader(new URL[0], null);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(callers);
        try {
            Message message = new Message("ops@example.com", "s", "t", null, Map.of(), "k");
            Delivery delivery = channels.find("mail.email").orElseThrow().send(message);
            assertThat(delivery.delivered()).isTrue();
            assertThat(email.sent).containsExactly(message);
            assertThat(email.loader.get()).isSameAs(entry.codeLoader()).isNotSameAs(callers);
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(callers);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
