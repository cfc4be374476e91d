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
import dev.operon.core.plugins.PluginEntry;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.core.plugins.PluginServices;
import dev.operon.core.plugins.PluginStatus;
import dev.operon.core.profiles.ProfileUpdater;
import dev.operon.core.tasks.TaskService;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.demo.DemoContext;
import dev.operon.sdk.demo.DemoProduct;
import dev.operon.sdk.demo.DemoSeeder;
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
 * {@link DemoSeeder}, then one run of each plugin task type that has a default schedule, and a {@code demo.seed}
 * audit record that marks the workspace as seeded. Refused outside a demo workspace.
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
    AuditService audit;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "operon.core.demo.users", defaultValue = "400")
    int users;

    @ConfigProperty(name = "operon.core.demo.weeks", defaultValue = "6")
    int weeks;

    @ConfigProperty(name = "operon.core.demo.seed", defaultValue = "20261130")
    long seed;

    @ConfigProperty(name = "operon.core.demo.seed-at-start", defaultValue = "true")
    boolean seedAtStart;

    @ConfigProperty(name = "operon.core.node.cli", defaultValue = "false")
    boolean cli;

    /** What a seeding did. */
    public record Summary(Instant start, Instant end, int users, long events, long imported, long rejected, List<String> incidents,
                          List<String> pluginsSeeded, Map<String, String> pluginsFailed, List<String> runsTriggered) {
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
        List<RequestedRun> requested = new ArrayList<>();
        for (PluginEntry entry : plugins.entries()) {
            if (entry.status() != PluginStatus.ACTIVE || entry.plugin() == null) {
                continue;
            }
            Optional<DemoSeeder> seeder = demoOf(entry.plugin());
            if (seeder.isEmpty()) {
                continue;
            }
            try {
                seeder.get().seed(context(entry.id(), plugins.services(entry.id()), shop, now, requested));
                seeded.add(entry.id());
            } catch (Exception | LinkageError e) {
                LOG.warnf(e, "demo: plugin %s could not seed its demo data", entry.id());
                failed.put(entry.id(), String.valueOf(e.getMessage()));
            }
        }

        workspace.report("training", 90);
        List<String> triggered = new ArrayList<>();
        for (PluginEntry entry : plugins.entries()) {
            if (entry.status() != PluginStatus.ACTIVE || entry.plugin() == null) {
                continue;
            }
            for (TaskType<?, ?> type : entry.plugin().tasks()) {
                if (type.defaultCron().isEmpty()) {
                    continue;
                }
                try {
                    long run = trigger(type.id(), actor);
                    triggered.add(type.id() + " (run " + run + ")");
                } catch (RuntimeException e) {
                    LOG.warnf("demo: could not trigger %s: %s", type.id(), e.getMessage());
                    failed.put(type.id(), String.valueOf(e.getMessage()));
                }
            }
        }
        for (RequestedRun run : requested) {
            try {
                long id = tasks.runType(run.taskTypeId(), json.valueToTree(run.parameters()), actor).id();
                triggered.add(run.taskTypeId() + " (run " + id + ")");
            } catch (RuntimeException e) {
                LOG.warnf("demo: could not run %s: %s", run.taskTypeId(), e.getMessage());
                failed.put(run.taskTypeId(), String.valueOf(e.getMessage()));
            }
        }
        Summary summary = new Summary(shop.start(), shop.end(), shop.users().size(), generated, imported.imported(), imported.rejected(),
                shop.incidents().stream().map(i -> i.name() + " " + i.from() + " to " + i.to()).toList(), seeded,
                failed, triggered);
        audit.record(AuditEvent.success(actor, DemoWorkspace.SEEDED_ACTION, "source:" + source.id())
                .withDetails(summary));
        LOG.infof("demo workspace seeded: %s", summary);
        return summary;
    }

    /** Runs the definition the default schedules created for the type, or the bare type when there is none. */
    private long trigger(String typeId, Actor actor) {
        try {
            return tasks.trigger(typeId, null, actor).id();
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            return tasks.runType(typeId, JsonNodeFactory.instance.objectNode(), actor).id();
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

    /** A run a seeder asked for: one of its own plugin's task types, once, after every seeder. */
    private record RequestedRun(String taskTypeId, Map<String, Object> parameters) {
    }

    private DemoContext context(String pluginId, PluginServices services, DemoShop shop, Instant now,
                                List<RequestedRun> requested) {
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
                requested.add(new RequestedRun(taskTypeId, parameters == null ? Map.of() : Map.copyOf(parameters)));
            }

            @Override
            public void log(String message) {
                LOG.infof("demo %s: %s", pluginId, message);
            }
        };
    }
}
