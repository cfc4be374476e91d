package dev.operon.sdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.demo.DemoContext;
import dev.operon.sdk.demo.DemoProduct;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.demo.DemoStep;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.task.PermanentTaskFailure;
import dev.operon.sdk.task.TaskCancelledException;
import dev.operon.sdk.task.TaskSkipped;
import dev.operon.sdk.task.TaskType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Runs one plugin in plain JUnit the way the platform would, without a server.
 *
 * <pre>{@code
 * try (PluginTestKit kit = PluginTestKit.start(new MyPlugin(), Map.of("default-epochs", "5"))) {
 *     TaskResult<TrainSummary> run = kit.runTask("my-plugin.train", Map.of("folder", "/data/images"));
 *     assertEquals(TaskResult.State.SUCCEEDED, run.state());
 *     Answer answer = kit.call("classify", new Question(...), Operation.Role.VIEWER);
 * }
 * }</pre>
 *
 * <p>Starting checks the plugin's declarations (SDK range, id prefixes, records as inputs, panels bound to existing
 * operations), validates its configuration against {@link OperonPlugin#config()} (unknown keys, required keys,
 * types, enum values, min/max) and calls {@link OperonPlugin#start}; any problem is a {@link PluginRefusedException}
 * with the reason the platform would give. Task and operation inputs go through JSON and Jakarta Validation as on the
 * platform ({@link InvalidInputException} names each bad field). Tasks run on their own thread with a context that
 * records logs, progress and series points, and can be cancelled ({@link TaskHandle}); model versions they register
 * are stored in an in-memory registry ({@link #models()}) only if they succeed. Plugin data ({@link #data()}) is a
 * fresh database on an embedded PostgreSQL, started and migrated on first use. Metrics are kept in memory.
 *
 * <p>What it does not do: retries, schedules, HTTP, authentication (a role is passed in), class-loader isolation.
 * The kit sets DJL's offline mode and opts out of its tracking unless the test set them. Close it after the test.
 */
public final class PluginTestKit implements PluginScope, AutoCloseable {

    static {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null && System.getenv("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    private final OperonPlugin plugin;
    private final KitConfig config;
    private final KitData data;
    private final RecordedMetrics metrics = new RecordedMetrics();
    private final TestModels models;
    private final TestProfiles profiles;
    private final TestEvents events;
    private final TestChannels channels;
    private final TestServices services;
    private final InputBinder binder = new InputBinder();
    private final Path workDir;
    private final Duration grace;
    private final ScheduledExecutorService timers;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Thread> running = new ConcurrentHashMap<>();
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();

    private PluginTestKit(Builder builder) {
        this.plugin = builder.plugin;
        String id = plugin.info().id();
        List<String> problems = DeclarationCheck.problems(plugin);
        if (!problems.isEmpty()) {
            binder.close();
            throw new PluginRefusedException("plugin " + id + " refused: " + String.join("; ", problems));
        }
        try {
            this.config = new KitConfig(id, plugin.config(), builder.config);
        } catch (PluginRefusedException e) {
            binder.close();
            throw e;
        }
        this.grace = builder.grace;
        try {
            this.workDir = Files.createTempDirectory("operon-testkit-" + id + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.models = new TestModels(id, plugin.models(), workDir.resolve("models"), builder.promotionMargin);
        this.data = new KitData(plugin, builder.dataSource);
        this.profiles = new TestProfiles(id);
        this.events = new TestEvents(profiles);
        this.channels = new TestChannels(plugin);
        this.services = new TestServices(plugin);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "operon-testkit-timer-" + id);
            t.setDaemon(true);
            return t;
        });
        try {
            plugin.start(new KitPluginContext(this));
        } catch (Exception e) {
            closeServices();
            throw new PluginRefusedException("plugin " + id + " refused: its start failed: " + describe(e), e);
        }
    }

    /** Starts {@code plugin} with no configuration values (defaults only). */
    public static PluginTestKit start(OperonPlugin plugin) {
        return builder(plugin).start();
    }

    /** Starts {@code plugin} with these configuration values (keys without the {@code operon.plugin.<id>.} prefix). */
    public static PluginTestKit start(OperonPlugin plugin, Map<String, String> config) {
        return builder(plugin).config(config).start();
    }

    /** A kit with more settings: an external data source, the promotion margin, the cancel grace period. */
    public static Builder builder(OperonPlugin plugin) {
        return new Builder(plugin);
    }

    // ---- tasks

    /**
     * Runs task {@code taskId} to its end and returns how it ended; see {@link #startTask} for the input. A failed,
     * cancelled or timed-out run is returned, not thrown: check {@link TaskResult#state()} or call
     * {@link TaskResult#output()}, which throws with the reason.
     */
    public <O> TaskResult<O> runTask(String taskId, Object input) {
        return this.<O>startTask(taskId, input).await();
    }

    /**
     * Starts task {@code taskId} on its own thread and returns at once.
     *
     * @param input the task's input record, or anything that becomes it through JSON: a {@link Map}, a JSON string,
     *              a Jackson tree, or null for no parameters. Bound and validated before the run starts.
     * @throws InvalidInputException    when the platform would refuse the input (422)
     * @throws IllegalArgumentException when the plugin has no such task
     */
    @SuppressWarnings("unchecked")
    public <O> TaskHandle<O> startTask(String taskId, Object input) {
        TaskType<Object, O> type = (TaskType<Object, O>) plugin.tasks().stream()
                .filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plugin " + plugin.info().id() + " has no task "
                        + taskId + "; it has " + plugin.tasks().stream().map(TaskType::id).toList()));
        Object bound = binder.bind("task " + taskId, type.inputType(), input);
        long runId = ids.incrementAndGet();
        Instant started = Instant.now();
        Duration timeout = type.defaults().timeout();
        KitTaskContext context = new KitTaskContext(runId, started.plus(timeout), this, new RunModels(models));
        CompletableFuture<TaskResult<O>> future = new CompletableFuture<>();
        TaskHandle<O> handle = new TaskHandle<>(taskId, context, future, timeout.plus(grace).plusSeconds(10), this);
        Thread thread = new Thread(() -> {
            try {
                future.complete(execute(type, context, bound, started));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            } finally {
                running.remove(runId);
            }
        }, "operon-testkit-run-" + runId);
        thread.setDaemon(true);
        running.put(runId, thread);
        ScheduledFuture<?> timer = timers.schedule(() -> stop(handle, KitTaskContext.StopReason.TIMED_OUT),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((r, e) -> timer.cancel(false));
        thread.start();
        return handle;
    }

    private <O> TaskResult<O> execute(TaskType<Object, O> type, KitTaskContext context, Object input,
                                      Instant started) {
        O output = null;
        Throwable error = null;
        String message = null;
        boolean retryable = false;
        TaskResult.State state = TaskResult.State.FAILED;
        try {
            output = type.run(context, input);
            state = TaskResult.State.SUCCEEDED;
        } catch (TaskSkipped e) {
            error = e;
            state = TaskResult.State.SKIPPED;
        } catch (PermanentTaskFailure e) {
            error = e;
        } catch (TaskCancelledException | InterruptedException e) {
            error = e;
            message = "interrupted";
            retryable = true;
        } catch (Throwable e) {
            error = e;
            retryable = true;
        }
        Thread.interrupted();
        KitTaskContext.StopReason stop = context.stopReason();
        String outputJson = null;
        List<ModelVersion> registered = List.of();
        if (stop != null) {
            state = stop == KitTaskContext.StopReason.CANCELLED ? TaskResult.State.CANCELLED
                    : TaskResult.State.TIMED_OUT;
            message = stop == KitTaskContext.StopReason.CANCELLED ? "cancelled by the test"
                    : "timeout of " + type.defaults().timeout().toSeconds() + " s reached";
            retryable = false;
        } else if (state == TaskResult.State.SUCCEEDED) {
            try {
                outputJson = output == null ? null : binder.write(output);
                registered = context.runModels().commit();
            } catch (JsonProcessingException e) {
                state = TaskResult.State.FAILED;
                error = e;
                message = "the output cannot be written as JSON: " + e.getOriginalMessage();
            } catch (RuntimeException e) {
                state = TaskResult.State.FAILED;
                error = e;
                message = "registering the trained model failed: " + e.getMessage();
            }
        } else if (message == null) {
            message = describe(error);
        }
        if (state != TaskResult.State.SUCCEEDED) {
            context.error(message);
        }
        return new TaskResult<>(type.id(), state, state == TaskResult.State.SUCCEEDED ? output : null, outputJson,
                error, state == TaskResult.State.SUCCEEDED ? null : message,
                state == TaskResult.State.FAILED && retryable, context, registered,
                Duration.between(started, Instant.now()));
    }

    void stop(TaskHandle<?> handle, KitTaskContext.StopReason reason) {
        if (handle.isDone() || !handle.context().signalStop(reason)) {
            return;
        }
        long runId = handle.runId();
        timers.schedule(() -> {
            Thread thread = running.get(runId);
            if (thread != null && !handle.isDone()) {
                thread.interrupt();
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    void scheduleStop(TaskHandle<?> handle, Duration delay, KitTaskContext.StopReason reason) {
        timers.schedule(() -> stop(handle, reason), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- operations

    /** Calls operation {@code name} with the lowest role it allows. */
    public <O> O call(String name, Object input) throws Exception {
        return call(name, input, operation(name).role());
    }

    /**
     * Calls operation {@code name} as a caller with {@code role}, on this thread, as the platform would: the role is
     * checked, the input bound and validated, an action is audited ({@link #auditLog()}) and the output must be
     * writable as JSON.
     *
     * @param input the input record or anything that becomes it through JSON (see {@link #startTask})
     * @throws AccessDeniedException when {@code role} is below the operation's role (the refusal is audited)
     * @throws InvalidInputException when the platform would refuse the input
     * @throws Exception             whatever the operation throws, such as an
     *                               {@link dev.operon.sdk.operation.OperationException}
     */
    @SuppressWarnings("unchecked")
    public <O> O call(String name, Object input, Operation.Role role) throws Exception {
        Operation<Object, O> operation = (Operation<Object, O>) operation(name);
        String actor = "test:" + role.name().toLowerCase(Locale.ROOT);
        if (role.ordinal() < operation.role().ordinal()) {
            audit.add(new AuditRecord(name, actor, AuditRecord.Outcome.DENIED, null, null, null));
            throw new AccessDeniedException(name, operation.role(), role);
        }
        Object bound = binder.bind("operation " + name, operation.inputType(), input);
        boolean action = operation.kind() == Operation.Kind.ACTION;
        KitOperationContext context = new KitOperationContext(this, actor, "test-request-" + ids.incrementAndGet(),
                action);
        Object audited = operation.auditsInput() ? bound : null;
        O output;
        try {
            output = operation.call(context, bound);
        } catch (Exception e) {
            if (action) {
                audit.add(new AuditRecord(name, actor, AuditRecord.Outcome.FAILED, audited, context.before(),
                        context.after()));
            }
            throw e;
        }
        if (action) {
            audit.add(new AuditRecord(name, actor, AuditRecord.Outcome.SUCCEEDED, audited, context.before(),
                    context.after()));
        }
        try {
            binder.write(output);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("operation " + name + " returned a value the platform cannot write as"
                    + " JSON: " + e.getOriginalMessage(), e);
        }
        return output;
    }

    private Operation<?, ?> operation(String name) {
        return plugin.operations().stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plugin " + plugin.info().id() + " has no operation "
                        + name + "; it has " + plugin.operations().stream().map(Operation::name).toList()));
    }

    // ---- services

    /** The plugin under test. */
    public OperonPlugin plugin() {
        return plugin;
    }

    /** The plugin's validated configuration, as its tasks and operations see it. */
    public PluginConfig config() {
        return config;
    }

    /**
     * Changes a configuration value while the plugin runs, validated as an admin's change is; null removes it (the
     * default applies again).
     *
     * @throws IllegalArgumentException when the platform would refuse the value; nothing changes then
     */
    public void configure(String key, String value) {
        config.set(key, value);
    }

    /** The in-memory model registry: versions, champions, predictions. */
    public TestModels models() {
        return models;
    }

    /**
     * The plugin's data. The first call of {@code dataSource()} (from the test or the plugin) starts the embedded
     * PostgreSQL if needed, creates a fresh database and runs the plugin's migrations.
     */
    public PluginData data() {
        return data;
    }

    /** The in-memory event store the plugin reads; add the events a test needs. */
    public TestEvents events() {
        return events;
    }

    /** The in-memory profiles the plugin reads; add the profiles a test needs, read the scores it wrote. */
    public TestProfiles profiles() {
        return profiles;
    }

    /** The channels the plugin can send through: its own and those a test adds (since SDK 1.2). */
    public TestChannels channels() {
        return channels;
    }

    /** The typed services the plugin can use: its own and those a test adds (since SDK 1.4). */
    public TestServices services() {
        return services;
    }

    /**
     * Runs the plugin's demo seeder, if it has one, as a demo workspace does: against the kit's data, events and
     * profiles (add the shop's events and profiles first), with {@code catalogue} as the shop's products and
     * {@code now} as the end of the generated history; then runs the task types and calls the operations the seeder
     * asked for, in the order asked. Returns the lines the seeder logged, then one line per requested run
     * ({@code "ran <type>: <state>"}) and per requested step of calls ({@code "did <name>: ok"}, or
     * {@code ": failed (<message>)"}; a {@code callAfterSeeding} step is named after its operation); empty when the
     * plugin has no seeder.
     */
    public List<String> seedDemo(Instant now, List<DemoProduct> catalogue, long seed) throws Exception {
        java.util.Optional<DemoSeeder> seeder = plugin.demo();
        if (seeder.isEmpty()) {
            return List.of();
        }
        List<String> lines = new CopyOnWriteArrayList<>();
        List<RequestedStep> requested = new CopyOnWriteArrayList<>();
        Random random = new Random(seed ^ plugin.info().id().hashCode());
        seeder.get().seed(new DemoContext() {
            @Override
            public PluginData data() {
                return data;
            }

            @Override
            public Events events() {
                return events;
            }

            @Override
            public Profiles profiles() {
                return profiles;
            }

            @Override
            public Random random() {
                return random;
            }

            @Override
            public Instant now() {
                return now;
            }

            @Override
            public List<DemoProduct> catalogue() {
                return List.copyOf(catalogue);
            }

            @Override
            public void runAfterSeeding(String taskTypeId, Map<String, Object> parameters) {
                if (taskTypeId == null || !taskTypeId.startsWith(plugin.info().id() + ".")) {
                    throw new IllegalArgumentException("a demo seeder can run only its own plugin's task types, not "
                            + taskTypeId);
                }
                requested.add(new RequestedStep(taskTypeId, null, parameters == null ? Map.of() : parameters));
            }

            @Override
            public void afterSeeding(String name, DemoStep step) {
                requested.add(new RequestedStep(name, step, null));
            }

            @Override
            public void configure(String key, String value) {
                PluginTestKit.this.configure(key, value);
            }

            @Override
            public void log(String message) {
                lines.add(message);
            }
        });
        for (RequestedStep step : requested) {
            if (step.work() != null) {
                try {
                    step.work().run(this::call);
                    lines.add("did " + step.name() + ": ok");
                } catch (Exception e) {
                    lines.add("did " + step.name() + ": failed (" + e.getMessage() + ")");
                }
            } else {
                TaskResult<Object> run = runTask(step.name(), step.parameters());
                lines.add("ran " + step.name() + ": " + run.state()
                        + (run.errorMessage() == null ? "" : " (" + run.errorMessage() + ")"));
            }
        }
        return List.copyOf(lines);
    }

    /** A run (a task type and its parameters) or a step of calls ({@code work}) that a demo seeder asked for. */
    private record RequestedStep(String name, DemoStep work, Object parameters) {
    }

    /** The metrics the plugin recorded. */
    public RecordedMetrics metrics() {
        return metrics;
    }

    /** The audit records of operation calls so far, oldest first. */
    public List<AuditRecord> auditLog() {
        return List.copyOf(audit);
    }

    /** Cancels runs still going, closes the plugin and the loaded models, and deletes the kit's files. */
    @Override
    public void close() {
        running.values().forEach(Thread::interrupt);
        try {
            plugin.close();
        } finally {
            closeServices();
        }
    }

    private void closeServices() {
        models.close();
        binder.close();
        timers.shutdownNow();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: leaving it behind harms nothing
        }
    }

    /** An error as the platform shows it: the message of the SDK's own exceptions, else class and message. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof RuntimeException && e.getClass().getName().startsWith("dev.operon") ? message
                : e.getClass().getSimpleName() + ": " + message;
    }

    /** Settings of a {@link PluginTestKit}. */
    public static final class Builder {

        private final OperonPlugin plugin;
        private final Map<String, String> config = new LinkedHashMap<>();
        private DataSource dataSource;
        private double promotionMargin;
        private Duration grace = Duration.ofSeconds(5);

        private Builder(OperonPlugin plugin) {
            this.plugin = plugin;
        }

        /** Configuration values, keys without the {@code operon.plugin.<id>.} prefix. */
        public Builder config(Map<String, String> values) {
            config.putAll(values);
            return this;
        }

        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /**
         * Uses this database for the plugin's data instead of an embedded PostgreSQL; the plugin's migrations still
         * run on it at first use.
         */
        public Builder dataSource(DataSource value) {
            dataSource = value;
            return this;
        }

        /** How much a new version must beat the champion's primary metric by to replace it; 0 by default. */
        public Builder promotionMargin(double value) {
            promotionMargin = value;
            return this;
        }

        /** How long a cancelled or timed-out task may go on before its thread is interrupted; 5 s by default. */
        public Builder cancelGrace(Duration value) {
            grace = value;
            return this;
        }

        /** Checks and starts the plugin. */
        public PluginTestKit start() {
            return new PluginTestKit(this);
        }
    }
}
