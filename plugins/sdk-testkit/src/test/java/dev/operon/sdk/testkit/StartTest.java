package dev.operon.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Starting a plugin: configuration checks and the refusals the platform would make. */
class StartTest {

    private static final Map<String, String> VALID = Map.of("greeting", "hello");

    @Test
    void startsWithValidConfigurationAndReadsDefaults() {
        SamplePlugin plugin = new SamplePlugin();
        try (PluginTestKit kit = PluginTestKit.start(plugin, Map.of("greeting", "hi", "level", "high"))) {
            assertEquals("hi", kit.config().require("greeting"));
            assertEquals("high", kit.config().require("level"));
            assertEquals(10, kit.config().getInt("limit"));
            assertEquals(Duration.ofSeconds(30), kit.config().getDuration("pause"));
            assertTrue(kit.config().get("ratio").isEmpty());
            assertEquals("kit-sample", plugin.started.plugin().id());
            assertSame(kit.config(), plugin.started.config());
            assertEquals(42.0, kit.metrics().gauge("answer").orElseThrow());
            assertThrows(IllegalArgumentException.class, () -> kit.config().get("undeclared"));
        }
        assertTrue(plugin.closed);
    }

    @Test
    void everyConfigurationProblemIsNamedWithItsFullKey() {
        PluginRefusedException e = assertThrows(PluginRefusedException.class, () -> PluginTestKit.start(
                new SamplePlugin(), Map.of("level", "loud", "limit", "500", "ratio", "a lot", "pause", "soon",
                        "colour", "red")));
        String message = e.getMessage();
        assertTrue(message.startsWith("plugin kit-sample refused: invalid configuration: "), message);
        for (String expected : List.of(
                "operon.plugin.kit-sample.greeting: required, and not set",
                "operon.plugin.kit-sample.level: 'loud' is not one of [low, high]",
                "operon.plugin.kit-sample.limit: '500' is above the maximum 100",
                "operon.plugin.kit-sample.ratio: 'a lot' is not a number",
                "operon.plugin.kit-sample.pause: 'soon' is not a duration",
                "operon.plugin.kit-sample.colour: not a configuration key of this plugin")) {
            assertTrue(message.contains(expected), "missing <" + expected + "> in " + message);
        }
    }

    @Test
    void aConfigurationChangeIsValidatedLikeAnAdminsChange() {
        try (PluginTestKit kit = PluginTestKit.start(new SamplePlugin(), VALID)) {
            kit.configure("limit", "20");
            assertEquals(20, kit.config().getInt("limit"));
            assertThrows(IllegalArgumentException.class, () -> kit.configure("limit", "0"));
            assertEquals(20, kit.config().getInt("limit"));
            kit.configure("limit", null);
            assertEquals(10, kit.config().getInt("limit"));
        }
    }

    @Test
    void aPluginForAnotherSdkIsRefused() {
        SamplePlugin plugin = new SamplePlugin() {
            @Override
            public PluginInfo info() {
                return new PluginInfo("kit-sample", "Kit sample", "1.0", "[2.0,3.0)", "");
            }
        };
        PluginRefusedException e = assertThrows(PluginRefusedException.class,
                () -> PluginTestKit.start(plugin, VALID));
        assertEquals("plugin kit-sample refused: it supports SDK [2.0,3.0), this platform implements SDK "
                + dev.operon.sdk.Sdk.VERSION, e.getMessage());
    }

    @Test
    void declarationsBreakingTheRulesAreRefusedWithEachReason() {
        SamplePlugin plugin = new SamplePlugin() {
            @Override
            public List<TaskType<?, ?>> tasks() {
                return List.of(SamplePlugin.task("other.echo", String.class, String.class, TaskDefaults.STANDARD,
                        (c, in) -> in));
            }

            @Override
            public List<Panel> panels() {
                return List.of(Panel.of("p", "P", new Widget.Table("t", "add-note", List.of()),
                        new Widget.Form("f", "missing")));
            }

            @Override
            public Optional<String> migrations() {
                return Optional.of("db/nowhere");
            }
        };
        String message = assertThrows(PluginRefusedException.class, () -> PluginTestKit.start(plugin, VALID))
                .getMessage();
        for (String expected : List.of(
                "task type id 'other.echo' must start with 'kit-sample.'",
                "task type other.echo takes java.lang.String, which is not a record",
                "panel p reads from operation 'add-note', which is not a query",
                "panel p shows operation 'missing', which the plugin does not declare",
                "migrations folder db/nowhere is not on the plugin's classpath")) {
            assertTrue(message.contains(expected), "missing <" + expected + "> in " + message);
        }
    }

    @Test
    void aStartThatThrowsRefusesThePlugin() {
        SamplePlugin plugin = new SamplePlugin() {
            @Override
            public void start(PluginContext context) {
                throw new IllegalStateException("no licence key");
            }
        };
        PluginRefusedException e = assertThrows(PluginRefusedException.class,
                () -> PluginTestKit.start(plugin, VALID));
        assertEquals("plugin kit-sample refused: its start failed: IllegalStateException: no licence key",
                e.getMessage());
    }

    @Test
    void sdkRangesReadLikeMavenRanges() {
        assertTrue(SdkRange.parse("[1.0,2.0)").contains("1.0"));
        assertTrue(SdkRange.parse("[1.0,2.0)").contains("1.9.3"));
        assertFalse(SdkRange.parse("[1.0,2.0)").contains("2.0"));
        assertFalse(SdkRange.parse("(1.0,2.0]").contains("1"));
        assertTrue(SdkRange.parse("(1.0,2.0]").contains("2"));
        assertTrue(SdkRange.parse("[1.0,)").contains("7.3"));
        assertTrue(SdkRange.parse("(,2.0)").contains("0.1"));
        assertTrue(SdkRange.parse("[1.0]").contains("1"));
        assertFalse(SdkRange.parse("[1.0]").contains("1.1"));
        assertTrue(SdkRange.parse("1.0").contains("1.4"));
        assertThrows(IllegalArgumentException.class, () -> SdkRange.parse("1.x"));
        assertThrows(IllegalArgumentException.class, () -> SdkRange.parse("[2.0,1.0)"));
        assertThrows(IllegalArgumentException.class, () -> SdkRange.parse("[1.0"));
    }
}
