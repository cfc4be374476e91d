package dev.operon.sdk.testkit;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.EpochTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.model.EpochProgress;
import dev.operon.sdk.model.MetricGoal;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.model.Training;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A small plugin exercising every part of the SDK the kit supports, for the kit's own tests. */
class SamplePlugin implements OperonPlugin {

    static final String MODEL = "kit-sample.line";

    volatile PluginContext started;
    volatile boolean closed;

    @Override
    public PluginInfo info() {
        return new PluginInfo("kit-sample", "Kit sample", "1.0", "[1.0,2.0)", "for the test kit's tests");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of(
                task("kit-sample.echo", EchoInput.class, EchoOutput.class, TaskDefaults.STANDARD, SamplePlugin::echo),
                task("kit-sample.wait", WaitInput.class, Integer.class, TaskDefaults.STANDARD.withTimeout(Duration.ofSeconds(3)),
                        SamplePlugin::waitForStop),
                task("kit-sample.fit", FitInput.class, Integer.class, TaskDefaults.STANDARD, SamplePlugin::fit));
    }

    @Override
    public List<ModelType<?, ?>> models() {
        return List.of(new LineModel());
    }

    @Override
    public List<Operation<?, ?>> operations() {
        return List.of(
                operation("predict", Operation.Kind.QUERY, PredictInput.class,
                        (c, in) -> c.models().<Float, Float>predict(MODEL, in.x())),
                operation("add-note", Operation.Kind.ACTION, NoteInput.class, SamplePlugin::addNote),
                operation("count-notes", Operation.Kind.QUERY, NoInput.class, (c, in) -> countNotes(c)));
    }

    @Override
    public List<Panel> panels() {
        return List.of(Panel.of("notes", "Notes", new Widget.Form("Add a note", "add-note"),
                new Widget.Kpi("Notes", "count-notes", "count", "")));
    }

    @Override
    public List<ConfigProperty> config() {
        return List.of(
                ConfigProperty.required("greeting", ConfigType.STRING, "what echo says first"),
                ConfigProperty.oneOf("level", List.of("low", "high"), "low", "how loud"),
                ConfigProperty.of("limit", ConfigType.INTEGER, "10", "a bounded number").between(1, 100),
                ConfigProperty.of("ratio", ConfigType.DECIMAL, null, "a decimal"),
                ConfigProperty.of("pause", ConfigType.DURATION, "30s", "a duration"),
                ConfigProperty.secret("token", false, "a secret"));
    }

    @Override
    public Optional<String> migrations() {
        return Optional.of("db/kit-sample");
    }

    @Override
    public void start(PluginContext context) {
        started = context;
        context.metrics().gauge("answer", () -> 42);
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- tasks

    record EchoInput(@NotBlank String text, @Min(1) @Max(5) int times) {
    }

    record EchoOutput(List<String> lines) {
    }

    private static EchoOutput echo(TaskContext context, EchoInput input) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= input.times(); i++) {
            String line = context.config().require("greeting") + " " + input.text();
            lines.add(line);
            context.log().info(line);
            context.progress(i * 100 / input.times(), "line " + i);
            context.metric("length", i, line.length());
            context.metrics().increment("echoes", 1, "level", context.config().require("level"), "kind", "text");
        }
        return new EchoOutput(lines);
    }

    record WaitInput(boolean cooperative) {
    }

    private static Integer waitForStop(TaskContext context, WaitInput input) throws InterruptedException {
        int loops = 0;
        while (!input.cooperative() || !context.isCancelled()) {
            Thread.sleep(20);
            loops++;
        }
        return loops;
    }

    /**
     * @param epochs          training epochs of y = 2x + 1
     * @param reportRmse      the RMSE to register instead of the measured one, to steer promotion in tests
     * @param failAfterRegister throw after registering
     */
    record FitInput(@Min(1) int epochs, Double reportRmse, boolean failAfterRegister) {
    }

    private static Integer fit(TaskContext context, FitInput input) throws Exception {
        float[] xs = new float[64];
        float[] ys = new float[64];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i / 32f - 1;
            ys[i] = 2 * xs[i] + 1;
        }
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("line")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            ArrayDataset data = new ArrayDataset.Builder()
                    .setData(manager.create(xs, new Shape(64, 1)))
                    .optLabels(manager.create(ys, new Shape(64, 1)))
                    .setSampling(16, true).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.1f)).build())
                    .addTrainingListeners(new EpochTrainingListener(), new EpochProgress(context, input.epochs()));
            float loss;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1));
                Training.fit(trainer, input.epochs(), data, data);
                loss = trainer.getTrainingResult().getValidateLoss();
            }
            Path directory = Files.createTempDirectory("kit-sample-line-");
            model.save(directory, "line");
            double rmse = input.reportRmse() != null ? input.reportRmse() : Math.sqrt(2 * loss);
            context.models().register(ModelDraft.of(MODEL, directory, "line").validationMetric("rmse", rmse)
                    .parameter("epochs", input.epochs()).property("kind", "line").build());
            if (input.failAfterRegister()) {
                throw new IllegalStateException("failing on purpose after registering");
            }
            return input.epochs();
        }
    }

    // ---- model

    static final class LineModel implements ModelType<Float, Float> {
        @Override
        public String id() {
            return MODEL;
        }

        @Override
        public String title() {
            return "A line";
        }

        @Override
        public Class<Float> inputType() {
            return Float.class;
        }

        @Override
        public Class<Float> outputType() {
            return Float.class;
        }

        @Override
        public MetricGoal primaryMetric() {
            return MetricGoal.minimise("rmse");
        }

        @Override
        public Model load(ModelFiles files, Device device) throws IOException, MalformedModelException {
            Model model = Model.newInstance(files.modelName(), device);
            model.setBlock(Linear.builder().setUnits(1).build());
            model.load(files.directory(), files.modelName());
            return model;
        }

        @Override
        public Translator<Float, Float> translator(ModelFiles files) {
            files.property("kind");
            return new Translator<>() {
                @Override
                public NDList processInput(TranslatorContext ctx, Float input) {
                    return new NDList(ctx.getNDManager().create(new float[] {input}));
                }

                @Override
                public Float processOutput(TranslatorContext ctx, NDList list) {
                    NDArray y = list.singletonOrThrow();
                    return y.toFloatArray()[0];
                }
            };
        }
    }

    // ---- operations

    record PredictInput(float x) {
    }

    record NoteInput(@NotBlank String text) {
    }

    record NoInput() {
    }

    record Count(long count) {
    }

    private static Count addNote(OperationContext context, NoteInput input) throws SQLException {
        Count before = countNotes(context);
        try (Connection c = context.data().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO " + context.data().tablePrefix()
                     + "note (text) VALUES (?)")) {
            s.setString(1, input.text());
            s.executeUpdate();
        }
        Count after = countNotes(context);
        context.audit(before, after);
        return after;
    }

    private static Count countNotes(OperationContext context) throws SQLException {
        try (Connection c = context.data().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM kit_sample_note");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return new Count(rows.getLong(1));
        }
    }

    // ---- small builders

    interface Body<I, O> {
        O run(TaskContext context, I input) throws Exception;
    }

    interface Call<I, O> {
        O call(OperationContext context, I input) throws Exception;
    }

    static <I, O> TaskType<I, O> task(String id, Class<I> in, Class<O> out, TaskDefaults defaults, Body<I, O> body) {
        return new TaskType<>() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return id;
            }

            @Override
            public Class<I> inputType() {
                return in;
            }

            @Override
            public Class<O> outputType() {
                return out;
            }

            @Override
            public TaskDefaults defaults() {
                return defaults;
            }

            @Override
            public O run(TaskContext context, I input) throws Exception {
                return body.run(context, input);
            }
        };
    }

    static <I> Operation<I, Object> operation(String name, Operation.Kind kind, Class<I> in, Call<I, ?> call) {
        return new Operation<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String title() {
                return name;
            }

            @Override
            public Kind kind() {
                return kind;
            }

            @Override
            public Class<I> inputType() {
                return in;
            }

            @Override
            public Class<Object> outputType() {
                return Object.class;
            }

            @Override
            public Object call(OperationContext context, I input) throws Exception {
                return call.call(context, input);
            }
        };
    }
}
