package dev.operon.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Running tasks: binding, recording, failure states, cancellation and timeouts. */
class TaskRunTest {

    private PluginTestKit kit;

    @BeforeEach
    void start() {
        kit = PluginTestKit.builder(new SamplePlugin()).config("greeting", "hi")
                .cancelGrace(Duration.ofMillis(300)).start();
    }

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void runsATaskAndRecordsWhatItReported() {
        TaskResult<SamplePlugin.EchoOutput> run = kit.runTask("kit-sample.echo", Map.of("text", "there", "times", 2));
        assertEquals(TaskResult.State.SUCCEEDED, run.state());
        assertEquals(List.of("hi there", "hi there"), run.output().lines());
        assertEquals("{\"lines\":[\"hi there\",\"hi there\"]}", run.outputJson());
        assertEquals(List.of("hi there", "hi there"), run.logMessages());
        assertEquals(List.of(new ProgressUpdate(50, "line 1"), new ProgressUpdate(100, "line 2")), run.progress());
        assertEquals(List.of(new MetricPoint("length", 1, 8), new MetricPoint("length", 2, 8)),
                run.metricPoints("length"));
        assertEquals(2.0, kit.metrics().counter("echoes", "kind", "text", "level", "low"));
        assertNull(run.errorMessage());
    }

    @Test
    void acceptsTheInputRecordOrJsonText() {
        assertEquals(1, kit.<SamplePlugin.EchoOutput>runTask("kit-sample.echo",
                new SamplePlugin.EchoInput("a", 1)).output().lines().size());
        assertEquals(3, kit.<SamplePlugin.EchoOutput>runTask("kit-sample.echo",
                "{\"text\":\"a\",\"times\":3}").output().lines().size());
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> kit.runTask("kit-sample.echo", Map.of("text", "a", "times", 1, "colour", "red")));
        assertEquals(List.of("colour"), unknown.fields());
        assertTrue(unknown.getMessage().startsWith("invalid input for task kit-sample.echo: colour: unknown field"),
                unknown.getMessage());

        InvalidInputException wrongType = assertThrows(InvalidInputException.class,
                () -> kit.runTask("kit-sample.echo", Map.of("text", "a", "times", "many")));
        assertEquals(List.of("times"), wrongType.fields());

        InvalidInputException constraints = assertThrows(InvalidInputException.class,
                () -> kit.runTask("kit-sample.echo", Map.of("text", " ", "times", 9)));
        assertEquals(List.of("text", "times"), constraints.fields());
        assertEquals("must be less than or equal to 5", constraints.errors().get(1).message());

        InvalidInputException notAnObject = assertThrows(InvalidInputException.class,
                () -> kit.runTask("kit-sample.echo", "[1, 2]"));
        assertEquals(List.of(""), notAnObject.fields());

        assertThrows(IllegalArgumentException.class, () -> kit.runTask("kit-sample.nothing", null));
    }

    @Test
    void aCooperativeTaskStopsWhenCancelled() {
        TaskResult<Integer> run = kit.<Integer>startTask("kit-sample.wait", Map.of("cooperative", true))
                .cancelAfter(Duration.ofMillis(100)).await(Duration.ofSeconds(5));
        assertEquals(TaskResult.State.CANCELLED, run.state());
        assertEquals("cancelled by the test", run.errorMessage());
        assertEquals("cancelled by the test", run.logMessages().get(run.logMessages().size() - 1));
        assertThrows(IllegalStateException.class, run::output);
    }

    @Test
    void aTaskIgnoringCancellationIsInterruptedAfterTheGracePeriod() {
        TaskHandle<Integer> handle = kit.startTask("kit-sample.wait", Map.of("cooperative", false));
        long started = System.nanoTime();
        TaskResult<Integer> run = handle.cancel().await(Duration.ofSeconds(5));
        assertEquals(TaskResult.State.CANCELLED, run.state());
        assertTrue(run.error() instanceof InterruptedException, String.valueOf(run.error()));
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(250).toNanos());
    }

    @Test
    void aTaskRunningPastItsTimeoutEndsTimedOut() {
        TaskResult<Integer> run = kit.runTask("kit-sample.wait", Map.of("cooperative", true));
        assertEquals(TaskResult.State.TIMED_OUT, run.state());
        assertEquals("timeout of 3 s reached", run.errorMessage());
        assertTrue(run.duration().compareTo(Duration.ofSeconds(3)) >= 0);
    }

    @Test
    void aFailureIsReturnedWithTheMessageTheOperatorWouldSee() {
        TaskResult<Integer> run = kit.runTask("kit-sample.fit", Map.of("epochs", 1, "failAfterRegister", true));
        assertEquals(TaskResult.State.FAILED, run.state());
        assertTrue(run.retryable());
        assertEquals("IllegalStateException: failing on purpose after registering", run.errorMessage());
        assertEquals(1, run.drafts().size());
        assertTrue(run.registered().isEmpty());
        assertTrue(kit.models().versions(SamplePlugin.MODEL).isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, run::output);
        assertTrue(e.getMessage().contains("ended FAILED"), e.getMessage());
        assertFalse(run.logs().isEmpty());
    }
}
