package dev.operon.core.console;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.RequestIds;
import dev.operon.core.security.ApiKeyService;
import dev.operon.core.security.CreatedApiKey;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.NewApiKey;
import dev.operon.core.security.NewOperator;
import dev.operon.core.security.OperatorChange;
import dev.operon.core.security.OperatorService;
import dev.operon.core.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/** Operators and API keys, for admins only, through the same services (and audit records) as the API. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
public class AdminPages {

    @Inject
    Pages pages;

    @Inject
    OperatorService operators;

    @Inject
    ApiKeyService keys;

    @Inject
    CurrentActor actor;

    @Location("console/operators.html")
    Template operatorList;

    @Location("console/keys.html")
    Template keyList;

    @GET
    @Path("operators")
    public TemplateInstance operators() {
        return operatorPage(null, null);
    }

    private TemplateInstance operatorPage(ApiException problem, Map<String, String> values) {
        return pages.render(operatorList, "operators").data("operators", operators.list())
                .data("roles", List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN)).data("problem", problem)
                .data("v", values == null ? Map.of() : values);
    }

    @POST
    @Path("operators")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createOperator(MultivaluedMap<String, String> submitted) {
        Map<String, String> values = TaskPages.single(submitted);
        pages.checkCsrf(values.get(Csrf.FIELD), null);
        try {
            operators.create(new NewOperator(values.getOrDefault("username", "").strip(),
                    values.getOrDefault("password", ""), values.getOrDefault("role", Roles.VIEWER)),
                    actor.get(), RequestIds.current());
            return Response.seeOther(URI.create("/operators")).build();
        } catch (ApiException e) {
            values.remove("password");
            return Pages.html(e.status(), operatorPage(e, values).render()).build();
        }
    }

    @POST
    @Path("operators/{username}/role")
    public Response changeRole(@PathParam("username") String username, @RestForm String role,
                               @RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        operators.update(username, new OperatorChange(role, null, null), actor.get(), RequestIds.current());
        return Response.seeOther(URI.create("/operators")).build();
    }

    @POST
    @Path("operators/{username}/disable")
    public Response disable(@PathParam("username") String username, @RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        operators.disable(username, actor.get(), RequestIds.current());
        return Response.seeOther(URI.create("/operators")).build();
    }

    @POST
    @Path("operators/{username}/enable")
    public Response enable(@PathParam("username") String username, @RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        operators.update(username, new OperatorChange(null, true, null), actor.get(), RequestIds.current());
        return Response.seeOther(URI.create("/operators")).build();
    }

    @GET
    @Path("api-keys")
    public TemplateInstance keys() {
        return keyPage(null, null);
    }

    private TemplateInstance keyPage(CreatedApiKey created, ApiException problem) {
        return pages.render(keyList, "keys").data("keys", keys.list()).data("created", created)
                .data("problem", problem).data("scopes", List.of("ingest", "read", "operate", "admin"));
    }

    /** Creates a key and shows it once, on this answer only (never stored in clear, never shown again). */
    @POST
    @Path("api-keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createKey(MultivaluedMap<String, String> submitted) {
        Map<String, String> values = TaskPages.single(submitted);
        pages.checkCsrf(values.get(Csrf.FIELD), null);
        List<String> scopes = submitted.getOrDefault("scopes", List.of());
        try {
            CreatedApiKey created = keys.create(new NewApiKey(values.getOrDefault("name", ""), scopes), actor.get(),
                    RequestIds.current());
            return Pages.html(201, keyPage(created, null).render()).header("Cache-Control", "no-store").build();
        } catch (ApiException e) {
            return Pages.html(e.status(), keyPage(null, e).render()).build();
        }
    }

    @POST
    @Path("api-keys/{keyId}/revoke")
    public Response revoke(@PathParam("keyId") String keyId, @RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        keys.revoke(keyId, actor.get(), RequestIds.current());
        return Response.seeOther(URI.create("/api-keys")).build();
    }
}
