package dev.operon.core.console;

import dev.operon.core.api.ApiException;
import dev.operon.core.runs.LogLine;
import dev.operon.core.runs.RunFilter;
import dev.operon.core.runs.RunService;
import dev.operon.core.runs.RunState;
import dev.operon.core.runs.RunView;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import dev.operon.core.tasks.TaskService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.RestForm;

/** Runs: a filterable list; a run with its state timeline, live progress and log tail, output; cancel. */
@Path("/runs")
@Produces(MediaType.TEXT_HTML)
public class RunPages {

    static final int PAGE = 50;
    private static final Duration POLL = Duration.ofMillis(500);

    @Inject
    Pages pages;

    @Inject
    RunService runs;

    @Inject
    TaskService tasks;

    @Inject
    CurrentActor actor;

    @Location("console/runs.html")
    Template list;

    @Location("console/run.html")
    Template detail;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance list(@QueryParam("state") String state, @QueryParam("task") String task,
                                 @QueryParam("type") String type, @QueryParam("before") Long before) {
        RunState wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = RunState.of(state);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("state", RunState.choices());
            }
        }
        Long taskId = task == null || task.isBlank() ? null : taskIdOrNone(task.strip());
        String typeFilter = type == null || type.isBlank() ? null : type.strip();
        // a task that does not exist (any more) matches no run: the page says so under the filter, not a 404
        List<RunView> found = taskId != null && taskId < 0 ? List.of()
                : runs.list(new RunFilter(taskId, wanted, typeFilter, before, PAGE + 1));
        List<RunView> shown = found.stream().limit(PAGE).toList();
        return pages.render(list, "runs").data("runs", shown).data("states", Dashboard.STATES)
                .data("state", state == null ? "" : state).data("task", task == null ? "" : task)
                .data("type", typeFilter == null ? "" : typeFilter)
                .data("next", found.size() > PAGE ? shown.get(shown.size() - 1).id() : -1L);
    }

    /** The task's id, or -1 when no task has that id or name. */
    private long taskIdOrNone(String idOrName) {
        try {
            return tasks.get(idOrName).id();
        } catch (ApiException e) {
            if (e.status() == 404) {
                return -1;
            }
            throw e;
        }
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance show(@PathParam("id") long id) {
        RunView run = runs.get(id);
        List<LogLine> logs = runs.logs(id, 0, 1000);
        return pages.render(detail, "runs").data("run", run).data("logs", logs)
                .data("lastSeq", logs.isEmpty() ? 0 : logs.get(logs.size() - 1).seq())
                .data("terminal", RunState.of(run.state()).terminal())
                .data("params", Charts.pretty(run.params()))
                .data("output", run.output() == null ? "" : Charts.pretty(run.output()));
    }

    /**
     * The run as {@code run} events every half second (state, the whole state timeline, progress, new log lines after
     * {@code after}) until it ends.
     */
    @GET
    @Path("{id}/stream")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@PathParam("id") long id, @QueryParam("after") int after,
                                          @Context Sse sse) {
        runs.get(id);
        Page page = pages.page("runs");
        Map<String, String> labels = new LinkedHashMap<>();
        Dashboard.STATES.forEach(s -> labels.put(s, page.state(s)));
        AtomicInteger seen = new AtomicInteger(after);
        return Multi.createBy().repeating().supplier(() -> snapshot(id, seen, labels, page))
                .withDelay(POLL)
                .whilst(snapshot -> !Boolean.TRUE.equals(snapshot.get("terminal")))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(snapshot -> sse.newEventBuilder().name("run").data(Charts.json(snapshot)).build());
    }

    private Map<String, Object> snapshot(long id, AtomicInteger seen, Map<String, String> labels, Page page) {
        RunView run = runs.get(id);
        List<LogLine> lines = runs.logs(id, seen.get(), 500);
        if (!lines.isEmpty()) {
            seen.set(lines.get(lines.size() - 1).seq());
        }
        boolean terminal = RunState.of(run.state()).terminal();
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("state", run.state());
        snapshot.put("stateLabel", labels.getOrDefault(run.state(), run.state()));
        snapshot.put("progress", run.progressPercent());
        snapshot.put("message", run.progressMessage());
        snapshot.put("terminal", terminal);
        snapshot.put("history", run.history() == null ? List.of() : run.history().stream().map(h -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("state", h.state());
            row.put("stateLabel", labels.getOrDefault(h.state(), h.state()));
            row.put("at", page.time(h.at()));
            row.put("attempt", h.attempt());
            row.put("reason", h.reason());
            return row;
        }).toList());
        snapshot.put("logs", lines.stream().map(l -> Map.of("at", l.at().toString(), "level", l.level(),
                "message", l.message())).toList());
        if (terminal && run.output() != null) {
            snapshot.put("output", Charts.pretty(run.output()));
        }
        return snapshot;
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.OPERATOR)
    public Response cancel(@PathParam("id") long id, @RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        runs.cancel(id, actor.get());
        return Response.seeOther(URI.create("/runs/" + id)).build();
    }
}
