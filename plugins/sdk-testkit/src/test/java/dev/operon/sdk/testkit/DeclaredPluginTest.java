package dev.operon.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.sdk.DeclaredPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginDeclaration;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.operation.NoInput;
import dev.operon.sdk.operation.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A plugin declared as one {@link PluginDeclaration}: built once, parts joined in order, run by the kit. */
class DeclaredPluginTest {

    /** Counts its declarations; its operation reads a field set before {@code declare()} can run. */
    static final class CountingPlugin extends DeclaredPlugin {
        final AtomicInteger declarations = new AtomicInteger();
        private final String prefix = "note: ";
        volatile boolean started;

        @Override
        protected PluginDeclaration declare() {
            declarations.incrementAndGet();
            return PluginDeclaration.of(new PluginInfo("declared", "Declared", "1.0", "[1.6,2.0)", "for a test"))
                    .operations(List.of(Operation.query("first", "First", NoInput.class, String.class,
                                    (c, in) -> prefix + "first")),
                            List.of(Operation.query("second", "Second", NoInput.class, String.class,
                                    (c, in) -> prefix + "second")))
                    .config(List.of(ConfigProperty.of("a", ConfigType.STRING, "x", "first key")),
                            List.of(ConfigProperty.of("b", ConfigType.STRING, "y", "second key")))
                    .build();
        }

        @Override
        public void start(PluginContext context) {
            started = true;
        }
    }

    @Test
    void partsAreJoinedInOrderAndEmptyByDefault() {
        CountingPlugin plugin = new CountingPlugin();
        assertEquals("declared", plugin.info().id());
        assertEquals(List.of("first", "second"), plugin.operations().stream().map(Operation::name).toList());
        assertEquals(List.of("a", "b"), plugin.config().stream().map(ConfigProperty::key).toList());
        assertTrue(plugin.migrations().isEmpty());
        assertEquals("db/x", PluginDeclaration.of(plugin.info()).migrations("db/x").build().migrations().orElseThrow());
        assertTrue(plugin.tasks().isEmpty());
        assertTrue(plugin.models().isEmpty());
        assertTrue(plugin.personalData().isEmpty());
        assertTrue(plugin.demo().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> plugin.tasks().add(null));
    }

    @Test
    void declareRunsOnceEvenWhenManyThreadsAskAtOnce() throws Exception {
        CountingPlugin plugin = new CountingPlugin();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(plugin.operations());
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, plugin.declarations.get());
        seen.forEach(list -> assertSame(seen.get(0), list));
    }

    @Test
    void theKitStartsItAndItsOperationsSeeTheFieldsSetBeforeDeclare() throws Exception {
        CountingPlugin plugin = new CountingPlugin();
        try (PluginTestKit kit = PluginTestKit.start(plugin, Map.of())) {
            assertTrue(plugin.started);
            assertEquals("note: second", kit.call("second", new NoInput()));
        }
    }

    @Test
    void aNullDeclarationIsRefusedWithTheClassName() {
        DeclaredPlugin broken = new DeclaredPlugin() {
            @Override
            protected PluginDeclaration declare() {
                return null;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, broken::info);
        assertTrue(e.getMessage().contains("declare() returned null"), e.getMessage());
    }
}
