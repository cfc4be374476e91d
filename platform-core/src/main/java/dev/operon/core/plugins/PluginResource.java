package dev.operon.core.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import dev.operon.sdk.panel.Panel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code /api/v1/plugins}: every plugin found with its status (and why it was refused), its declarations, panels and
 * configuration; admins enable, disable, configure and rescan. Operations are served by {@link OperationResource}.
 */
@Path("/api/v1/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

    @Inject
    PluginRegistry registry;

    @Inject
    PluginAdmin admin;

    @Inject
    CurrentActor actor;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public List<PluginSummary> list() {
        return registry.entries().stream().map(PluginSummary::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    public PluginDetail get(@PathParam("id") String id) {
        return PluginDetail.of(entry(id));
    }

    @POST
    @Path("{id}/enable")
    @RolesAllowed(Roles.ADMIN)
    public PluginSummary enable(@PathParam("id") String id) {
        admin.setEnabled(instance(id), true, actor.get());
        registry.refresh(false, id);
        return PluginSummary.of(entry(id));
    }

    @POST
    @Path("{id}/disable")
    @RolesAllowed(Roles.ADMIN)
    public PluginSummary disable(@PathParam("id") String id) {
        admin.setEnabled(instance(id), false, actor.get());
        registry.refresh(false, null);
        return PluginSummary.of(entry(id));
    }

    @GET
    @Path("{id}/config")
    @RolesAllowed(Roles.VIEWER)
    public List<ConfigEntry> config(@PathParam("id") String id) {
        return ConfigEntry.of(instance(id).services());
    }

    @PUT
    @Path("{id}/config")
    @RolesAllowed(Roles.ADMIN)
    public List<ConfigEntry> configure(@PathParam("id") String id, JsonNode changes) {
        admin.writeConfig(instance(id), changes, actor.get());
        registry.refresh(false, null);
        return ConfigEntry.of(instance(id).services());
    }

    @GET
    @Path("{id}/panels")
    @RolesAllowed(Roles.VIEWER)
    public List<Panel> panels(@PathParam("id") String id) {
        return PluginDetail.of(entry(id)).panels();
    }

    /** Loads new jars of the plugins folder and unloads removed ones, on every node. */
    @POST
    @Path("rescan")
    @RolesAllowed(Roles.ADMIN)
    public PluginRegistry.RescanResult rescan() {
        admin.announceRescan();
        PluginRegistry.RescanResult result = registry.rescan();
        admin.auditRescan(result, actor.get());
        return result;
    }

    private PluginEntry entry(String id) {
        return registry.find(id).orElseThrow(() -> ApiException.notFound("no plugin '" + id + "'"));
    }

    /** The plugin, which must have an instance (a jar without a usable plugin has nothing to configure). */
    private PluginEntry instance(String id) {
        PluginEntry entry = entry(id);
        if (entry.plugin() == null || entry.services() == null) {
            throw ApiException.conflict("plugin '" + id + "' could not be loaded: " + entry.reason());
        }
        return entry;
    }
}
