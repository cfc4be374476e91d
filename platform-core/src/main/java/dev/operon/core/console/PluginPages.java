package dev.operon.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.audit.AuditJson;
import dev.operon.core.plugins.ConfigEntry;
import dev.operon.core.plugins.OperationCalls;
import dev.operon.core.plugins.PluginDetail;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.core.plugins.PluginResource;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Plugins: status and refusal reasons, configuration (secrets masked, write-only), enable and disable; and each
 * plugin's panels, rendered from their declarations with data from the operations they are bound to. Nothing here
 * knows any particular plugin: a new plugin's panels appear without console code.
 */
@Path("/plugins")
@Produces(MediaType.TEXT_HTML)
public class PluginPages {

    /** The query parameter that names the query form whose answer a panel address shows. */
    private static final String FORM_PARAMETER = "form";

    @Inject
    Pages pages;

    @Inject
    PluginResource plugins;

    @Inject
    OperationCalls calls;

    @Inject
    CurrentActor actor;

    @Inject
    PluginRegistry registry;

    @Location("console/plugins.html")
    Template list;

    @Location("console/plugin.html")
    Template detail;

    @Location("console/panel.html")
    Template panel;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance list() {
        return pages.render(list, "plugins").data("plugins", plugins.list());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance show(@PathParam("id") String id) {
        PluginDetail plugin = plugins.get(id);
        List<ConfigEntry> config = plugin.status().equals("refused") && plugin.config().isEmpty() ? List.of()
                : safeConfig(id);
        Page page = pages.page("plugins");
        PanelText text = text(id, page);
        return detail.data("c", page).data("p", plugin).data("config", config)
                .data("descriptors", plugin.config())
                .data("panels", plugin.panels().stream().map(text::translate).toList());
    }

    private List<ConfigEntry> safeConfig(String id) {
        try {
            return plugins.config(id);
        } catch (ApiException e) {
            return List.of();
        }
    }

    @POST
    @Path("{id}/enable")
    @RolesAllowed(Roles.ADMIN)
    public Response enable(@PathParam("id") String id, @RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        plugins.enable(id);
        return Response.seeOther(URI.create("/plugins/" + id)).build();
    }

    @POST
    @Path("{id}/disable")
    @RolesAllowed(Roles.ADMIN)
    public Response disable(@PathParam("id") String id, @RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        plugins.disable(id);
        return Response.seeOther(URI.create("/plugins/" + id)).build();
    }

    /**
     * Saves the configuration form: a value changed in a field is set (a field sent back as it was shown, a default
     * or the platform's value included, is left alone: saving must not pin it as the admin's); an empty field leaves
     * the value as it is (so a secret is never shown, only replaced); a ticked "clear" box removes the admin's value.
     */
    @POST
    @Path("{id}/config")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response configure(@PathParam("id") String id, MultivaluedMap<String, String> submitted) {
        Map<String, String> values = TaskPages.single(submitted);
        pages.checkCsrf(values.get(Csrf.FIELD), null);
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        for (PluginDetail.ConfigDescriptor descriptor : plugins.get(id).config()) {
            String key = descriptor.key();
            if (values.containsKey("clear." + key)) {
                changes.putNull(key);
            } else {
                String typed = values.get("cfg." + key);
                String shown = values.get("shown." + key);
                if (typed != null && !typed.isBlank() && (shown == null || !typed.strip().equals(shown.strip()))) {
                    changes.put(key, typed.strip());
                }
            }
        }
        plugins.configure(id, changes);
        return Response.seeOther(URI.create("/plugins/" + id + "?saved=1")).build();
    }

    /**
     * A panel; with {@code form=N} and that form's {@code in.*} fields, also the answer of a query form (sent with
     * GET, see {@link PanelView#sentWithGet}), so that the answer has an address and a reload asks again.
     */
    @GET
    @Path("{id}/panels/{panel}")
    @RolesAllowed(Roles.VIEWER)
    public Response panel(@PathParam("id") String id, @PathParam("panel") String panelId, @Context UriInfo uri) {
        Map<String, String> query = TaskPages.single(uri.getQueryParameters());
        String form = query.get(FORM_PARAMETER);
        if (form == null) {
            return Pages.html(200, renderPanel(id, panelId, TablePaging.of(query), -1, null, null, null).render())
                    .build();
        }
        int index = formIndex(form);
        FormCall call = formCall(id, panelId, index);
        if (!PanelView.sentWithGet(call.operation())) {
            throw ApiException.badRequest("form " + index + " of panel '" + panelId + "' acts: it is sent with POST");
        }
        return answer(id, panelId, index, call, query, null);
    }

    /**
     * Submits a panel form sent with POST (an action, or a query with a secret input): calls the operation (its role
     * is checked and an action is audited) and shows the answer. The answer page puts the panel's own address in the
     * browser history in place of this POST's, so a reload shows the panel and sends nothing again.
     */
    @POST
    @Path("{id}/panels/{panel}/forms/{index}")
    @RolesAllowed(Roles.VIEWER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("id") String id, @PathParam("panel") String panelId,
                           @PathParam("index") int index, MultivaluedMap<String, String> submitted) {
        Map<String, String> values = TaskPages.single(submitted);
        pages.checkCsrf(values.get(Csrf.FIELD), null);
        return answer(id, panelId, index, formCall(id, panelId, index), values,
                "/plugins/" + id + "/panels/" + panelId);
    }

    private record FormCall(Widget.Form form, PluginDetail.OperationView operation) {
    }

    private FormCall formCall(String id, String panelId, int index) {
        PluginDetail plugin = plugins.get(id);
        Panel declared = panel(plugin, panelId);
        if (index < 0 || index >= declared.widgets().size()
                || !(declared.widgets().get(index) instanceof Widget.Form form)) {
            throw ApiException.notFound("no form " + index + " on panel '" + panelId + "'");
        }
        return new FormCall(form, operation(plugin, form.operation()));
    }

    private static int formIndex(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("form must be a form's number on the panel, not \"" + text + "\"");
        }
    }

    /** Calls a form's operation with the {@code in.*} values and renders the panel with its answer or problem. */
    private Response answer(String id, String panelId, int index, FormCall call, Map<String, String> values,
                            String replaceAddress) {
        FormAnswer result = null;
        ApiException problem = null;
        int status = 200;
        Page page = pages.page("plugins");
        try {
            ObjectNode input = SchemaForm.read(call.operation().inputSchema(), values, "in.", page);
            Object output = calls.call(id, call.form().operation(), input.toString(), pages.identity(), actor.get());
            result = FormAnswer.of(output == null ? null : PanelCells.answer(output), PanelCells.of(page),
                    text(id, page)::t);
        } catch (ApiException e) {
            problem = e;
            status = e.status();
        }
        // the form shows what was typed, as typed, whether the call succeeded (a query to refine) or not (to fix)
        ObjectNode typed = JsonNodeFactory.instance.objectNode();
        values.forEach((name, value) -> {
            if (name.startsWith("in.") && !AuditJson.namesASecret(name.substring(3))) {
                typed.put(name.substring(3), value);
            }
        });
        String body = renderPanel(id, panelId, TablePaging.of(Map.of()), index, result, problem, typed)
                .data("replaceAddress", replaceAddress).render();
        return Pages.html(status, body).build();
    }

    private TemplateInstance renderPanel(String id, String panelId, TablePaging paging, int formIndex,
                                         FormAnswer result, ApiException problem, JsonNode typed) {
        PluginDetail plugin = plugins.get(id);
        Page view = pages.page("plugins");
        PanelText text = text(id, view);
        Panel declared = text.translate(panel(plugin, panelId));
        List<PanelView> widgets = new ArrayList<>();
        for (int i = 0; i < declared.widgets().size(); i++) {
            Widget widget = declared.widgets().get(i);
            widgets.add(view(plugin, i, widget, paging.sort(i), paging.descending(i), paging.page(i),
                    i == formIndex ? result : null, i == formIndex ? problem : null, i == formIndex ? typed : null,
                    text, view));
        }
        return panel.data("c", view).data("p", plugin).data("panel", declared).data("widgets", widgets)
                .data("paging", paging).data("replaceAddress", null);
    }

    /** The plugin's own translation of its panel text into the page's language ({@link PanelText}). */
    private PanelText text(String pluginId, Page page) {
        return PanelText.forPlugin(registry, pluginId, page.lang());
    }

    private PanelView view(PluginDetail plugin, int index, Widget widget, String sort, boolean descending, int page,
                           FormAnswer result, ApiException problem, JsonNode typed, PanelText translation,
                           Page view) {
        if (widget instanceof Widget.Text text) {
            return PanelView.text(index, text);
        }
        if (widget instanceof Widget.Form form) {
            PluginDetail.OperationView operation = operation(plugin, form.operation());
            return PanelView.form(index, form, operation, allowed(operation), result, problem, typed, translation,
                    view);
        }
        String kind = widget instanceof Widget.Table ? "table" : widget instanceof Widget.Kpi ? "kpi" : "time-series";
        String operation = widget instanceof Widget.Table t ? t.operation()
                : widget instanceof Widget.Kpi k ? k.operation() : ((Widget.TimeSeries) widget).operation();
        String title = widget instanceof Widget.Table t ? t.title()
                : widget instanceof Widget.Kpi k ? k.title() : ((Widget.TimeSeries) widget).title();
        JsonNode answer;
        try {
            Object output = calls.call(plugin.id(), operation, "{}", pages.identity(), actor.get());
            answer = PanelCells.answer(output);
        } catch (ApiException e) {
            return PanelView.failed(index, kind, title, operation, e.title() + ": " + e.getMessage());
        }
        if (widget instanceof Widget.Table table) {
            return PanelView.table(index, table, answer, sort, descending, page, PanelCells.of(view));
        }
        if (widget instanceof Widget.Kpi kpi) {
            return PanelView.kpi(index, kpi, answer, PanelCells.of(view));
        }
        return PanelView.timeSeries(index, (Widget.TimeSeries) widget, answer);
    }

    private boolean allowed(PluginDetail.OperationView operation) {
        String role = operation.role().toLowerCase(Locale.ROOT);
        return pages.identity().hasRole(role);
    }

    private static Panel panel(PluginDetail plugin, String panelId) {
        return plugin.panels().stream().filter(p -> p.id().equals(panelId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("plugin '" + plugin.id() + "' has no panel '" + panelId + "'"));
    }

    private static PluginDetail.OperationView operation(PluginDetail plugin, String name) {
        return plugin.operations().stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("plugin '" + plugin.id() + "' has no operation '" + name + "'"));
    }
}
