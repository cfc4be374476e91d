package dev.operon.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.core.audit.AuditEntry;
import dev.operon.core.audit.AuditFilterParams;
import dev.operon.core.audit.AuditPage;
import dev.operon.core.audit.AuditResource;
import dev.operon.core.audit.AuditVerifier;
import dev.operon.core.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The audit log: filters, pages of records, one record with its before/after diff, chain verification (admin). */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    @Inject
    Pages pages;

    @Inject
    AuditResource audit;

    @Inject
    AuditVerifier verifier;

    @Location("console/audit.html")
    Template list;

    @Location("console/audit-record.html")
    Template record;

    @Location("console/audit-verify.html")
    Template verify;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance list(@BeanParam AuditFilterParams filters, @Context UriInfo uri) {
        AuditPage page = audit.list(filters, "50", null, uri);
        return pages.render(list, "audit").data("page", page).data("f", filters)
                .data("outcomes", List.of("success", "failure", "denied"))
                .data("actorTypes", List.of("operator", "api-key", "scheduler", "plugin", "system", "cli", "anonymous"));
    }

    @GET
    @Path("{seq: [0-9]{1,18}}")
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance show(@PathParam("seq") long seq) {
        AuditEntry entry = audit.get(seq);
        return pages.render(record, "audit").data("r", entry).data("diff", diff(entry.before(), entry.after()))
                .data("details", entry.details() == null ? "" : Charts.pretty(entry.details()));
    }

    /** Checks the whole chain (an htmx fragment). */
    @GET
    @Path("verify")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance verify() {
        return pages.render(verify, "audit").data("v", verifier.verify());
    }

    /** One changed or unchanged leaf of before/after. */
    @TemplateData
    public record DiffRow(String path, String before, String after, boolean changed) {
    }

    static List<DiffRow> diff(JsonNode before, JsonNode after) {
        Map<String, String> left = new TreeMap<>();
        Map<String, String> right = new TreeMap<>();
        flatten("", before, left);
        flatten("", after, right);
        TreeSet<String> paths = new TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        List<DiffRow> rows = new ArrayList<>();
        for (String path : paths) {
            String b = left.get(path);
            String a = right.get(path);
            rows.add(new DiffRow(path, b == null ? "" : b, a == null ? "" : a, b == null ? a != null : !b.equals(a)));
        }
        return rows;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else {
            into.put(prefix.isEmpty() ? "(value)" : prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }
}
