package dev.operon.core.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.operon.core.api.ApiException;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.ingest.CreatedSource;
import dev.operon.core.ingest.EventImporter;
import dev.operon.core.ingest.ImportSummary;
import dev.operon.core.ingest.NewSource;
import dev.operon.core.ingest.SourceService;
import dev.operon.core.plugins.OperationCalls;
import dev.operon.core.plugins.PluginAdmin;
import dev.operon.core.plugins.PluginEntry;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.core.plugins.PluginServices;
import dev.operon.core.plugins.PluginStatus;
import dev.operon.core.profiles.ProfileUpdater;
import dev.operon.core.runs.Run;
import dev.operon.core.runs.RunStore;
import dev.operon.core.tasks.TaskService;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.demo.DemoCalls;
import dev.operon.sdk.demo.DemoContext;
import dev.operon.sdk.demo.DemoProduct;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.demo.DemoStep;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.task.TaskType;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Seeds a demo workspace through the platform's normal write paths: a {@code demo-shop} source, the shop's events
 * imported as JSON Lines (validated and deduplicated like any import), a full profiles update, every active plugin's
 * {@link DemoSeeder} (which may set its plugin's configuration and ask for runs), a {@code demo.seed} audit record that
 * marks the workspace as seeded, then the demo's runs: per plugin, one run of each task type with a default schedule
 * and the runs its seeder asked for, one after another ({@link DemoRunChains}). Refused outside a demo workspace.
 */
@ApplicationScoped
public class DemoSeeding {

    private static final Logger LOG = Logger.getLogger(DemoSeeding.class);
    static final String SOURCE = "demo-shop";

    @Inject
    DemoWorkspace workspace;

    @Inject
    SourceService sources;

    @Inject
    EventImporter importer;

    @Inject
    ProfileUpdater profiles;

    @Inject
    PluginRegistry plugins;

    @Inject
    TaskService tasks;

    @Inject
    RunStore runs;

    @Inject
    PluginAdmin pluginAdmin;

    @Inject
    AuditService audit;

    @Inject
    ObjectMapper json;

    @Inject
    OperationCalls calls;

    @ConfigProperty(name = "operon.core.demo.users", defaultValue = "400")
    int users;

    @ConfigProperty(name = "operon.core.demo.weeks", defaultValue = "6")
    int weeks;

    @ConfigProperty(name = "operon.core.demo.seed", defaultValue = "20261130")
    long seed;

    /** How long the seeding waits for the demo's task runs (trainings on the seeded data) before it stops waiting. */
    @ConfigProperty(name = "operon.core.demo.runs-wait", defaultValue = "PT30M")
    Duration runsWait;

    @ConfigProperty(name = "operon.core.demo.seed-at-start", defaultValue = "true")
    boolean seedAtStart;

    @ConfigProperty(name = "operon.core.node.cli", defaultValue = "false")
    boolean cli;

    /** What a seeding did. */
    public record Summary(Instant start, Instant end, int users, long events, long imported, long rejected, List<String> incidents,
                          List<String> pluginsSeeded, Map<String, String> pluginsFailed, List<String> runsTriggered) {

        Summary withRuns(Map<String, String> failed, List<String> runs) {
            return new Summary(start, end, users, events, imported, rejected, incidents, pluginsSeeded, failed, runs);
        }
    }

    // after the default schedules (3000): the plugins' scheduled task definitions exist by then
    void onStart(@Observes @Priority(4000) StartupEvent event) {
        if (cli || !workspace.enabled() || !seedAtStart || workspace.seeded()) {
            return;
        }
        startInBackground(Actor.SYSTEM);
    }

    /** Starts a seeding on its own thread; false when this is no demo workspace, or it is seeded or seeding. */
    public boolean startInBackground(Actor actor) {
        if (!workspace.enabled() || workspace.seeded() || !workspace.begin()) {
            return false;
        }
        Thread thread = new Thread(() -> {
            try {
                seedClaimed(actor);
            } catch (RuntimeException e) {
                LOG.errorf(e, "the demo seeding failed");
            }
        }, "operon-demo-seed");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /** Seeds now, on the caller's thread. 409 when this is no demo workspace, or it is seeded or seeding. */
    public Summary seed(Actor actor) {
        if (!workspace.enabled()) {
            throw ApiException.conflict("this is not a demo workspace: start one with ./operon serve --demo");
        }
        if (workspace.seeded() || !workspace.begin()) {
            throw ApiException.conflict("the demo workspace is seeded or being seeded");
        }
        return seedClaimed(actor);
    }

    private Summary seedClaimed(Actor actor) {
        try {
            Summary summary = run(actor);
            workspace.finish(null);
            return summary;
        } catch (RuntimeException | IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            workspace.finish(reason);
            // a failed seeding is audited too; only a successful one marks the workspace as seeded
            audit.record(new AuditEvent(actor, DemoWorkspace.SEEDED_ACTION, null, AuditEvent.FAILURE, null, null, null,
                    Map.of("error", reason)));
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private Summary run(Actor actor) throws IOException {
        Instant now = Instant.now();
        DemoShop shop = new DemoShop(seed, users, weeks, now);
        workspace.report("events", 5);
        CreatedSource source = sources.create(new NewSource(SOURCE), actor, null);
        ByteArrayOutputStream lines = new ByteArrayOutputStream(1 << 20);
        long generated = shop.writeEvents(lines, json);
        LOG.infof("demo: %d users, %d events over %d weeks", shop.users().size(), generated, weeks);
        ImportSummary imported = importer.importEvents(new ByteArrayInputStream(lines.toByteArray()),
                EventImporter.Format.JSONL, EventImporter.Mode.VALID_ONLY, source.id(),
                read -> workspace.report("events", 5 + (int) (40 * read / Math.max(1, generated))));
        lines = null;
        workspace.report("profiles", 50);
        profiles.update(true, message -> LOG.debugf("demo profiles: %s", message), () -> false);

        workspace.report("plugins", 75);
        List<String> seeded = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        List<RequestedStep> requested = new ArrayList<>();
        for (PluginEntry entry : plugins.entries()) {
            if (entry.status() != PluginStatus.ACTIVE || entry.plugin() == null) {
                continue;
            }
            Optional<DemoSeeder> seeder = demoOf(entry.plugin());
            if (seeder.isEmpty()) {
                continue;
            }
            try {
                seeder.get().seed(context(entry, shop, now, requested, actor));
                seeded.add(entry.id());
            } catch (Exception | LinkageError e) {
                LOG.warnf(e, "demo: plugin %s could not seed its demo data", entry.id());
                failed.put(entry.id(), String.valueOf(e.getMessage()));
            }
        }

        // the workspace counts as seeded from here: the runs below are audited on their own
        List<List<DemoRunChains.Step>> chains = chains(requested, actor);
        List<String> planned = chains.stream().flatMap(List::stream).map(DemoRunChains.Step::typeId).toList();
        Summary planning = new Summary(shop.start(), shop.end(), shop.users().size(), generated, imported.imported(),
                imported.rejected(), incidents(shop), seeded, Map.copyOf(failed), planned);
        audit.record(AuditEvent.success(actor, DemoWorkspace.SEEDED_ACTION, "source:" + source.id())
                .withDetails(planning));

        workspace.report("training", 90);
        DemoRunChains.Outcome outcome = new DemoRunChains(id -> runs.find(id).map(Run::state), Duration.ofSeconds(1))
                .run(chains, runsWait, percent -> workspace.report("training", 90 + percent * 9 / 100));
        failed.putAll(outcome.failed());
        Summary summary = planning.withRuns(failed, outcome.runs());
        LOG.infof("demo workspace seeded: %s", summary);
        return summary;
    }

    private static List<String> incidents(DemoShop shop) {
        return shop.incidents().stream().map(i -> i.name() + " " + i.from() + " to " + i.to()).toList();
    }

    /**
     * One chain per active plugin: a run of each task type with a default schedule, in the order the plugin lists
     * them, then the runs and steps of calls its seeder asked for, in the order asked.
     */
    private List<List<DemoRunChains.Step>> chains(List<RequestedStep> requested, Actor actor) {
        List<List<DemoRunChains.Step>> chains = new ArrayList<>();
        for (PluginEntry entry : plugins.entries()) {
            if (entry.status() != PluginStatus.ACTIVE || entry.plugin() == null) {
                continue;
            }
            List<DemoRunChains.Step> steps = new ArrayList<>();
            for (TaskType<?, ?> type : entry.plugin().tasks()) {
                if (type.defaultCron().isPresent()) {
                    steps.add(new DemoRunChains.Step(type.id(), () -> trigger(type.id(), actor)));
                }
            }
            for (RequestedStep step : requested) {
                if (!step.pluginId().equals(entry.id())) {
                    continue;
                }
                if (step.work() != null) {
                    // calls in their turn: the step has ended when its calls have returned (no run to wait for)
                    steps.add(new DemoRunChains.Step(step.pluginId() + "/" + step.name(), () -> {
                        try {
                            step.work().run(callsOf(step.pluginId(), actor));
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception | LinkageError e) {
                            throw new IllegalStateException(String.valueOf(e.getMessage()), e);
                        }
                        return null;
                    }));
                } else {
                    steps.add(new DemoRunChains.Step(step.name(),
                            () -> tasks.runType(step.name(), json.valueToTree(step.parameters()), actor)));
                }
            }
            chains.add(steps);
        }
        return chains;
    }

    /** Runs the definition the default schedules created for the type, or the bare type when there is none. */
    private Run trigger(String typeId, Actor actor) {
        try {
            return tasks.trigger(typeId, null, actor);
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            return tasks.runType(typeId, JsonNodeFactory.instance.objectNode(), actor);
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<DemoSeeder> demoOf(OperonPlugin plugin) {
        try {
            return (Optional<DemoSeeder>) plugin.demo();
        } catch (AbstractMethodError e) {
            return Optional.empty();
        }
    }

    /**
     * A step a seeder asked for, after every seeder, in its plugin's chain: a run of one of its own task types
     * ({@code name}, with its {@code parameters}) or, with {@code work}, calls of its operations.
     */
    private record RequestedStep(String pluginId, String name, Map<String, Object> parameters, DemoStep work) {
    }

    /** A plugin's own operations, called as the platform calls them: validated, an action audited as the seeding. */
    private DemoCalls callsOf(String pluginId, Actor actor) {
        return new DemoCalls() {
            @Override
            @SuppressWarnings("unchecked")
            public <O> O call(String operation, Object input) {
                return (O) calls.callForCore(pluginId, operation, json.valueToTree(input), actor,
                        OperationCalls.AUDIT_ACTION, "plugin:" + pluginId + "/" + operation, Map.of("demo", true));
            }
        };
    }

    private DemoContext context(PluginEntry entry, DemoShop shop, Instant now, List<RequestedStep> requested,
                                Actor actor) {
        String pluginId = entry.id();
        PluginServices services = plugins.services(pluginId);
        Random random = new Random(seed * 31 + pluginId.hashCode());
        return new DemoContext() {
            @Override
            public PluginData data() {
                return services.data();
            }

            @Override
            public Events events() {
                return services.events();
            }

            @Override
            public Profiles profiles() {
                return services.profiles();
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
                return shop.catalogue();
            }

            @Override
            public void runAfterSeeding(String taskTypeId, Map<String, Object> parameters) {
                if (taskTypeId == null || !taskTypeId.startsWith(pluginId + ".")) {
                    throw new IllegalArgumentException("a demo seeder can run only its own plugin's task types ("
                            + pluginId + ".*), not " + taskTypeId);
                }
                requested.add(new RequestedStep(pluginId, taskTypeId,
                        parameters == null ? Map.of() : Map.copyOf(parameters), null));
            }

            @Override
            public void afterSeeding(String name, DemoStep step) {
                requested.add(new RequestedStep(pluginId, name, Map.of(), step));
            }

            @Override
            public void configure(String key, String value) {
                try {
                    pluginAdmin.writeConfig(entry, JsonNodeFactory.instance.objectNode().put(key, value), actor);
                } catch (ApiException e) {
                    throw new IllegalArgumentException("demo configuration of " + pluginId + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void log(String message) {
                LOG.infof("demo %s: %s", pluginId, message);
            }
        };
    }
}
