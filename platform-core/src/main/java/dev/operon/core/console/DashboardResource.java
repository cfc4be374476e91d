package dev.operon.core.console;

import dev.operon.core.demo.DemoWorkspace;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.core.plugins.PluginStatus;
import dev.operon.core.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.Map;

/** The dashboard: health, today's runs by state (live), failing tasks, hourly runs as sparklines. */
@Path("/")
public class DashboardResource {

    @Inject
    Pages pages;

    @Inject
    Dashboard dashboard;

    @Inject
    PluginRegistry plugins;

    @Inject
    DemoWorkspace demo;

    @Location("console/dashboard.html")
    Template template;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance dashboard() {
        Page page = pages.page("dashboard");
        Dashboard.Series hourly = dashboard.hourly();
        long refused = plugins.entries().stream().filter(e -> e.status() == PluginStatus.REFUSED).count();
        long active = plugins.entries().stream().filter(e -> e.status() == PluginStatus.ACTIVE).count();
        Map<String, Long> today = dashboard.runsToday();
        boolean demoMode = demo.enabled();
        return template.data("c", page)
                .data("demoOffer", demoMode && demo.progress().isEmpty() && !demo.seeded())
                .data("demoHint", !demoMode && !dashboard.anyEvents())
                .data("today", today)
                .data("states", Dashboard.STATES)
                .data("totalToday", today.values().stream().mapToLong(Long::longValue).sum())
                .data("failing", dashboard.failingTasks())
                .data("health", dashboard.health())
                .data("pluginsActive", active)
                .data("pluginsRefused", refused)
                .data("anomalyActive", plugins.entries().stream()
                        .anyMatch(e -> e.id().equals("anomaly") && e.status() == PluginStatus.ACTIVE))
                .data("sparkAll", Charts.over(hourly.x(), true).series(page.t("dashboard.runs"), hourly.all()).json())
                .data("sparkOk", Charts.over(hourly.x(), true)
                        .series(page.t("state.succeeded"), hourly.succeeded()).json())
                .data("sparkBad", Charts.over(hourly.x(), true).series(page.t("state.failed"), hourly.failed()).json())
                .data("lastHourAll", last(hourly.all()))
                .data("lastHourOk", last(hourly.succeeded()))
                .data("lastHourBad", last(hourly.failed()));
    }

    private static long last(java.util.List<Double> values) {
        return values.isEmpty() ? 0 : Math.round(values.get(values.size() - 1));
    }

    /** Today's counts by state every three seconds, as {@code counts} events. */
    @GET
    @Path("dashboard/stream")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        return Multi.createFrom().ticks().every(Duration.ofSeconds(3))
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom()
                        .item(() -> Charts.json(dashboard.runsToday()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .map(json -> sse.newEventBuilder().name("counts").data(json).build());
    }
}
