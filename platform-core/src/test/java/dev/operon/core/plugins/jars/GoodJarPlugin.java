package dev.operon.core.plugins.jars;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Optional;

/**
 * A well-behaved third-party plugin: a task, a query that reports what its class loader sees, and a table of its own.
 * Counts its starts and closes in system properties (the JDK is shared), so that tests can see them.
 */
public class GoodJarPlugin implements OperonPlugin {

    public static final String STARTS = "operon.test.jar-good.starts";
    public static final String CLOSES = "operon.test.jar-good.closes";

    @Override
    public PluginInfo info() {
        return new PluginInfo("jar-good", "Good jar", "2.1", "[1.0,2.0)", "Loads from a jar.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of(new Hello());
    }

    @Override
    public List<Operation<?, ?>> operations() {
        return List.of(new Probe());
    }

    @Override
    public Optional<String> migrations() {
        return Optional.of("db/jar-good");
    }

    @Override
    public void start(PluginContext context) {
        bump(STARTS);
    }

    @Override
    public void close() {
        bump(CLOSES);
    }

    private static void bump(String property) {
        System.setProperty(property, Integer.toString(Integer.getInteger(property, 0) + 1));
    }

    /** Says hello with the class loader that loaded it. */
    public static class Hello implements TaskType<Hello.Input, Hello.Output> {

        public record Input(@NotBlank String name) {
        }

        public record Output(String greeting, String loader) {
        }

        @Override
        public String id() {
            return "jar-good.hello";
        }

        @Override
        public String title() {
            return "Hello";
        }

        @Override
        public Class<Input> inputType() {
            return Input.class;
        }

        @Override
        public Class<Output> outputType() {
            return Output.class;
        }

        @Override
        public Output run(TaskContext context, Input input) {
            return new Output("hello " + input.name(), String.valueOf(getClass().getClassLoader()));
        }
    }

    /** What this plugin's code can see: its own class loader, the SDK, and (it must not) the platform's classes. */
    public static class Probe implements Operation<Probe.Input, Probe.Seen> {

        public record Input(@NotBlank String className) {
        }

        public record Seen(String loader, String contextLoader, boolean visible, boolean sdkFromPlatform) {
        }

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public String title() {
            return "Probe the class loader";
        }

        @Override
        public Kind kind() {
            return Kind.QUERY;
        }

        @Override
        public Class<Input> inputType() {
            return Input.class;
        }

        @Override
        public Class<Seen> outputType() {
            return Seen.class;
        }

        @Override
        public Seen call(OperationContext context, Input input) {
            boolean visible;
            try {
                Class.forName(input.className());
                visible = true;
            } catch (ClassNotFoundException e) {
                visible = false;
            }
            ClassLoader own = getClass().getClassLoader();
            return new Seen(String.valueOf(own), String.valueOf(Thread.currentThread().getContextClassLoader()),
                    visible, OperonPlugin.class.getClassLoader() != own);
        }
    }
}
