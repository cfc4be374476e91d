package dev.operon.sdk;

import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.task.TaskType;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.privacy.PersonalData;
import dev.operon.sdk.service.ServiceOffer;
import java.util.List;
import java.util.Optional;

/**
 * The entry point of a plugin: one implementation per plugin jar, registered in
 * {@code META-INF/services/dev.operon.sdk.OperonPlugin}, with a public no-argument constructor.
 *
 * <p>Everything a plugin offers is declared as data that the platform can list, validate, schedule, secure, audit
 * and render: {@link #tasks() task types}, {@link #models() model types}, {@link #operations() operations},
 * {@link #panels() console panels}, {@link #config() configuration} and {@link #channels() delivery channels}.
 * A plugin contains no HTTP, scheduling or security code: the platform does that once for every plugin.
 *
 * <p>Lifecycle: the platform creates one instance per node, checks {@link #info()} (id free, SDK range
 * compatible), runs the plugin's {@link #migrations() migrations}, validates its configuration, then calls
 * {@link #start(PluginContext)} once. Only then are its tasks run and its operations called. {@link #close()} is
 * called once at shutdown or when an admin disables the plugin. A plugin that fails any step is refused and the
 * platform runs on without it, showing why.
 *
 * <p>Threading: declarations must be cheap, side-effect free and return the same values on every call; they may
 * be called from any thread. Task types and operations are called concurrently.
 */
public interface OperonPlugin extends AutoCloseable {

    /** Identity and compatibility of this plugin. */
    PluginInfo info();

    /** The units of scheduled or background work this plugin offers; ids start with {@code <plugin-id>.}. */
    List<TaskType<?, ?>> tasks();

    /** Trainable models this plugin serves; ids start with {@code <plugin-id>.}. */
    default List<ModelType<?, ?>> models() {
        return List.of();
    }

    /** Synchronous queries and actions, served at {@code /api/v1/plugins/<plugin-id>/operations/<name>}. */
    default List<Operation<?, ?>> operations() {
        return List.of();
    }

    /** Console pages, declared not coded. */
    default List<Panel> panels() {
        return List.of();
    }

    /** Configuration keys ({@code operon.plugin.<plugin-id>.<key>}), validated before start and shown to admins. */
    default List<ConfigProperty> config() {
        return List.of();
    }

    /** Outbound delivery channels (e-mail, webhook, ...) other plugins can send through. */
    default List<Channel> channels() {
        return List.of();
    }

    /**
     * Typed services other plugins can use (since SDK 1.4): implementations of interfaces that live in the SDK, such
     * as {@link dev.operon.sdk.recommend.Recommendations}, found by them through their context's
     * {@code services()}. Offered only while this plugin is active; called after {@link #start}.
     */
    default List<ServiceOffer<?>> services() {
        return List.of();
    }

    /**
     * Command line tools run without a server as {@code operon <plugin-id> <name>} (since SDK 1.1).
     */
    default List<OfflineCommand> commands() {
        return List.of();
    }

    /**
     * How this plugin exports and erases what it stores about one end user; required for every plugin that keeps
     * per-user data (since SDK 1.1).
     */
    default Optional<PersonalData> personalData() {
        return Optional.empty();
    }

    /**
     * Demo data for a demo workspace ({@code ./operon serve --demo}): called once there, after the platform stored the
     * synthetic shop's events and profiles (since SDK 1.2, additive). Never called in a real workspace.
     */
    default Optional<DemoSeeder> demo() {
        return Optional.empty();
    }

    /**
     * A classpath folder of Flyway SQL migrations ({@code V1__init.sql}, ...) for this plugin's own tables, run with
     * the plugin's own history table before {@link #start}. Tables must be prefixed with the plugin id (dashes
     * become underscores): {@code anomaly_incident}.
     */
    default Optional<String> migrations() {
        return Optional.empty();
    }

    /**
     * Called once after the migrations ran and before any task or operation of the plugin is used. Throwing refuses
     * the plugin; the platform goes on without it.
     */
    default void start(PluginContext context) throws Exception {
    }

    /** Called once at shutdown or when the plugin is disabled; release threads, files and models here. */
    @Override
    default void close() {
    }
}
