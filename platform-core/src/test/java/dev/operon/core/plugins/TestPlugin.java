package dev.operon.core.plugins;

import dev.operon.core.models.LineModel;
import dev.operon.core.models.TrainLineTask;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import dev.operon.sdk.privacy.PersonalData;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plugin found on the test classpath through ServiceLoader, as a built-in plugin would be: a task, a query and an
 * action over its own table (created by its migrations), a panel, and configuration with a secret and a required key
 * that has a default.
 */
public class TestPlugin implements OperonPlugin {

    /** How many times the platform started and closed this plugin, for the tests. */
    public static final AtomicInteger STARTS = new AtomicInteger();
    /** The channel ids its last start saw: a plugin may look channels up from start, while the platform loads. */
    public static volatile List<String> channelsAtStart;
    public static final AtomicInteger CLOSES = new AtomicInteger();

    @Override
    public PluginInfo info() {
        return new PluginInfo("test-kit", "Test plugin", "1.0", "[1.0,2.0)", "Used by the platform's own tests.");
    }

    @Override
    public List<ConfigProperty> config() {
        return List.of(ConfigProperty.of("greeting", ConfigType.STRING, "hello", "What the series task logs."),
                ConfigProperty.of("pause", ConfigType.DURATION, "5ms", "Pause between points."),
                ConfigProperty.secret("api-token", false, "Token for a service the plugin would call."),
                new ConfigProperty("page-size", "Rows per page.", ConfigType.INTEGER, "20", true, List.of(), 1.0,
                        100.0),
                ConfigProperty.oneOf("mode", List.of("fast", "careful"), "fast", "How to work."),
                ConfigProperty.of("callback", ConfigType.URL, null, "Where to report."));
    }

    @Override
    public Optional<PersonalData> personalData() {
        return Optional.of(new UserNotes());
    }

    /** Demo data: a note per catalogue product, and one about the first demo user when the context resolves them. */
    @Override
    public Optional<dev.operon.sdk.demo.DemoSeeder> demo() {
        return Optional.of(context -> {
            try (java.sql.Connection c = context.data().dataSource().getConnection();
                 java.sql.PreparedStatement note = c.prepareStatement(
                         "insert into test_kit_note (text, created_by) values (?, 'demo')");
                 java.sql.PreparedStatement userNote = c.prepareStatement(
                         "insert into test_kit_user_note (user_id, text) values (?, ?)")) {
                for (dev.operon.sdk.demo.DemoProduct product : context.catalogue()) {
                    note.setString(1, "demo product " + product.id() + " " + product.name());
                    note.executeUpdate();
                }
                if (context.profiles().resolve("demo-user-0001").isPresent()) {
                    userNote.setString(1, "demo-user-0001");
                    userNote.setString(2, "demo note " + context.random().nextInt(1000));
                    userNote.executeUpdate();
                }
            }
        });
    }

    @Override
    public Optional<String> migrations() {
        return Optional.of("db/test-kit");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of(new SeriesTask(), new TrainLineTask(), new dev.operon.core.cluster.GpuWorkTask());
    }

    /** Rows of the {@code numbers} query (more than two pages of a panel table). */
    public static final int NUMBERS = 45;

    /** The input of a query that takes none. */
    public record NoInput() {
    }

    /** Ids of one small model type, one per test class that trains (they share a database). */
    public static final List<String> LINE_MODELS = List.of("test-kit.line", "test-kit.swap", "test-kit.spare",
            "test-kit.authz", "test-kit.corrupt", "test-kit.console");

    @Override
    public List<ModelType<?, ?>> models() {
        return LINE_MODELS.stream().<ModelType<?, ?>>map(LineModel::new).toList();
    }

    @Override
    public List<Operation<?, ?>> operations() {
        return List.of(new CountNotes(), new AddNote(), Operation.query("numbers", "The numbers 1 to 45",
                NoInput.class, List.class, (context, input) -> java.util.stream.IntStream.rangeClosed(1, NUMBERS)
                        .mapToObj(n -> Map.of("n", n)).toList()));
    }

    @Override
    public List<Panel> panels() {
        return List.of(Panel.of("notes", "Notes",
                new Widget.Kpi("Notes", "count-notes", "count", "notes"),
                new Widget.Table("By text", "count-notes", List.of(new Widget.Column("count", "Count", true)))
                        .whenEmpty("No notes by text yet: add one with the form below."),
                new Widget.TimeSeries("Over time", "count-notes", "at", List.of("count")),
                new Widget.Form("Add a note", "add-note"),
                new Widget.Text("Notes are **test** data."),
                new Widget.Form("Count notes", "count-notes")),
                // two tables of more than a page each: each keeps its own page and order
                Panel.of("two-tables", "Two tables",
                        new Widget.Table("First", "numbers", List.of(new Widget.Column("n", "N", true)))
                                .whenEmpty("none"),
                        new Widget.Table("Second", "numbers", List.of(new Widget.Column("n", "N", true)))
                                .whenEmpty("none")));
    }

    @Override
    public void start(PluginContext context) {
        context.config().require("page-size");
        channelsAtStart = context.channels().list().stream().map(dev.operon.sdk.channel.Channel::id).toList();
        STARTS.incrementAndGet();
    }

    @Override
    public void close() {
        CLOSES.incrementAndGet();
    }

    /** Reports a decreasing series, as a training reports its loss. */
    public static class SeriesTask implements TaskType<SeriesTask.Input, SeriesTask.Output> {

        /** @param points how many points */
        public record Input(int points) {
        }

        /** @param table the plugin's table prefix */
        public record Output(String greeting, String table) {
        }

        @Override
        public String id() {
            return "test-kit.series";
        }

        @Override
        public String title() {
            return "Series";
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
        public Output run(TaskContext context, Input input) throws InterruptedException {
            for (int step = 1; step <= input.points(); step++) {
                context.metric("loss", step, 1.0 / step);
                context.metrics().increment("points", 1);
                Thread.sleep(context.config().getDuration("pause").toMillis());
            }
            String greeting = context.config().require("greeting");
            context.log().info(greeting);
            return new Output(greeting, context.data().tablePrefix());
        }
    }

    /** Counts the notes whose text starts with a prefix. */
    public static class CountNotes implements Operation<CountNotes.Input, CountNotes.Count> {

        public record Input(@Size(max = 20) String prefix) {
        }

        public record Count(long count, String pageSize) {
        }

        @Override
        public String name() {
            return "count-notes";
        }

        @Override
        public String title() {
            return "Count notes";
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
        public Class<Count> outputType() {
            return Count.class;
        }

        @Override
        public Count call(OperationContext context, Input input) throws Exception {
            try (Connection connection = context.data().dataSource().getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "select count(*) from test_kit_note where text like ?")) {
                select.setString(1, (input.prefix() == null ? "" : input.prefix()) + "%");
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return new Count(rs.getLong(1), context.config().require("page-size"));
                }
            }
        }
    }

    /**
     * Adds a note. The text {@code conflict} answers 409 through {@link OperationException}; {@code boom} throws an
     * unexpected exception whose message must not reach the caller.
     */
    public static class AddNote implements Operation<AddNote.Input, AddNote.Note> {

        public record Input(@NotBlank @Size(max = 200) String text, @Min(1) @Max(5) int priority, String password) {
        }

        public record Note(long id, String text, String createdBy) {
        }

        @Override
        public String name() {
            return "add-note";
        }

        @Override
        public String title() {
            return "Add a note";
        }

        @Override
        public Kind kind() {
            return Kind.ACTION;
        }

        @Override
        public Class<Input> inputType() {
            return Input.class;
        }

        @Override
        public Class<Note> outputType() {
            return Note.class;
        }

        @Override
        public Note call(OperationContext context, Input input) throws Exception {
            if (input.text().equals("conflict")) {
                throw new OperationException(409, "a note cannot say 'conflict'");
            }
            if (input.text().equals("fields")) {
                throw OperationException.invalid(List.of(
                        new OperationException.FieldError("text.words[1]", "expected a word, not 'fields'")));
            }
            if (input.text().equals("boom")) {
                throw new IllegalStateException("internal detail: table layout v7");
            }
            try (Connection connection = context.data().dataSource().getConnection();
                 PreparedStatement insert = connection.prepareStatement(
                         "insert into test_kit_note (text, created_by) values (?, ?)",
                         Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, input.text());
                insert.setString(2, context.actor());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    long id = keys.getLong(1);
                    context.audit(null, Map.of("id", id, "text", input.text()));
                    return new Note(id, input.text(), context.actor());
                }
            }
        }
    }

    /**
     * The plugin's personal data: notes about end users by user id ({@code test_kit_user_note}). Set
     * {@link #FAIL_NEXT_ERASE} to make the next erasure fail once.
     */
    public static class UserNotes implements PersonalData {

        public static final java.util.concurrent.atomic.AtomicBoolean FAIL_NEXT_ERASE =
                new java.util.concurrent.atomic.AtomicBoolean();
        /** The subjects erase was called for, in order. */
        public static final List<dev.operon.sdk.privacy.DataSubject> ERASED =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Map<String, Object> export(dev.operon.sdk.privacy.DataSubject subject,
                                          dev.operon.sdk.data.PluginData data) throws Exception {
            List<String> notes = new java.util.ArrayList<>();
            try (Connection connection = data.dataSource().getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "select text from test_kit_user_note where user_id = any(?) order by id")) {
                select.setArray(1, connection.createArrayOf("text", subject.userIds().toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        notes.add(rs.getString(1));
                    }
                }
            }
            return notes.isEmpty() ? Map.of() : Map.of("notes", notes);
        }

        @Override
        public void erase(dev.operon.sdk.privacy.DataSubject subject, dev.operon.sdk.data.PluginData data)
                throws Exception {
            ERASED.add(subject);
            if (FAIL_NEXT_ERASE.getAndSet(false)) {
                throw new IllegalStateException("simulated failure for " + subject.userIds());
            }
            try (Connection connection = data.dataSource().getConnection();
                 PreparedStatement delete = connection.prepareStatement(
                         "delete from test_kit_user_note where user_id = any(?)")) {
                delete.setArray(1, connection.createArrayOf("text", subject.userIds().toArray()));
                delete.executeUpdate();
            }
        }
    }
}
