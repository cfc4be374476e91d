package dev.operon.core.console;

import dev.operon.core.models.ModelRegistry;
import dev.operon.core.models.ModelTypeView;
import dev.operon.core.models.RegisteredVersion;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.RestForm;

/** Models: types with their champions; a type's versions with metrics as a chart; promote and roll back (admin). */
@Path("/models")
@Produces(MediaType.TEXT_HTML)
public class ModelPages {

    @Inject
    Pages pages;

    @Inject
    ModelRegistry registry;

    @Inject
    CurrentActor actor;

    @Location("console/models.html")
    Template list;

    @Location("console/model.html")
    Template detail;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance list() {
        return pages.render(list, "models").data("types", registry.overview());
    }

    @GET
    @Path("{type}")
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance show(@PathParam("type") String type) {
        ModelTypeView view = registry.overview().stream().filter(t -> t.id().equals(type)).findFirst()
                .orElseThrow(() -> dev.operon.core.api.ApiException.notFound("no model type '" + type + "'"));
        List<RegisteredVersion> versions = registry.versions(type);
        List<RegisteredVersion> ascending = versions.stream()
                .sorted(Comparator.comparingInt(RegisteredVersion::version)).toList();
        TreeSet<String> metrics = new TreeSet<>();
        versions.forEach(v -> metrics.addAll(v.validationMetrics().keySet()));
        Charts.Builder chart = Charts.over(ascending.stream().map(RegisteredVersion::version).toList(), false)
                .xLabel(pages.page("models").t("charts.version"));
        for (String metric : metrics) {
            List<Double> values = new ArrayList<>();
            ascending.forEach(v -> values.add(v.validationMetrics().get(metric)));
            chart.series(metric, values);
        }
        RegisteredVersion champion = versions.stream().filter(RegisteredVersion::champion).findFirst().orElse(null);
        return pages.render(detail, "models").data("m", view).data("versions", versions)
                .data("championVersion", champion == null ? 0 : champion.version())
                .data("previous", champion == null ? null : registry.previousChampion(type).orElse(null))
                .data("metrics", List.copyOf(metrics)).data("chart", versions.isEmpty() ? null : chart.json());
    }

    @POST
    @Path("{type}/versions/{version}/promote")
    @RolesAllowed(Roles.ADMIN)
    public Response promote(@PathParam("type") String type, @PathParam("version") int version,
                            @RestForm String reason, @RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        registry.promote(type, version, reason(reason), actor.get());
        return Response.seeOther(URI.create("/models/" + type)).build();
    }

    /** Rolls back to a version older than the champion (audited as {@code model.rollback}, as the API's). */
    @POST
    @Path("{type}/versions/{version}/rollback")
    @RolesAllowed(Roles.ADMIN)
    public Response rollbackTo(@PathParam("type") String type, @PathParam("version") int version,
                               @RestForm String reason, @RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        registry.rollback(type, version, reason(reason), actor.get());
        return Response.seeOther(URI.create("/models/" + type)).build();
    }

    @POST
    @Path("{type}/rollback")
    @RolesAllowed(Roles.ADMIN)
    public Response rollback(@PathParam("type") String type, @RestForm String reason,
                             @RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        registry.rollback(type, null, reason(reason), actor.get());
        return Response.seeOther(URI.create("/models/" + type)).build();
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw dev.operon.core.api.ApiException.invalid("reason", "say why (it goes into the audit log)");
        }
        if (reason.length() > 2000) {
            throw dev.operon.core.api.ApiException.invalid("reason", "must be at most 2000 characters");
        }
        return reason.strip();
    }
}
