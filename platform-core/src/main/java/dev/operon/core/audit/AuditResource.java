package dev.operon.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.api.RequestIds;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The audit log over HTTP: filtered, keyset-paged queries and single records for viewers; verification and the
 * JSON Lines export for admins.
 */
@Path("/api/v1/audit")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Inject
    AuditStore store;

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditExporter exporter;

    @Inject
    CurrentActor currentActor;

    @Inject
    ObjectMapper mapper;

    /**
     * Records matching the filters, {@code limit} at a time (default 50, at most 500), newest first unless
     * {@code order=asc}; {@code before} and {@code after} are seq bounds (exclusive) and the paging cursors.
     */
    @GET
    public AuditPage list(@BeanParam AuditFilterParams params, @RestQuery String limit, @RestQuery String order,
                          @Context UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int pageSize = parseLimit(limit, errors);
        boolean newestFirst = parseOrder(order, errors);
        AuditFilter filter;
        try {
            filter = params.toFilter();
        } catch (ApiException e) {
            errors.addAll(0, e.errors());
            filter = null;
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        List<AuditRecord> records = store.page(filter, pageSize + 1, newestFirst);
        boolean more = records.size() > pageSize;
        List<AuditEntry> items = records.stream().limit(pageSize).map(r -> AuditEntry.of(r, mapper)).toList();
        if (!more) {
            return new AuditPage(items, null, null);
        }
        long cursor = items.get(items.size() - 1).seq();
        URI next = UriBuilder.fromUri(uri.getRequestUri())
                .replaceQueryParam(newestFirst ? "before" : "after", cursor)
                .build();
        return new AuditPage(items, cursor, next.getRawPath() + "?" + next.getRawQuery());
    }

    @GET
    @Path("{seq: [0-9]{1,18}}")
    public AuditEntry get(@RestPath long seq) {
        return store.find(seq).map(r -> AuditEntry.of(r, mapper))
                .orElseThrow(() -> ApiException.notFound("no audit record with seq " + seq));
    }

    /**
     * Checks the hash chain. {@code from} (a seq) checks only from that record on; {@code hash}, the hash that record
     * had at an earlier check, also detects it being rewritten since.
     */
    @GET
    @Path("verify")
    @RolesAllowed(Roles.ADMIN)
    public AuditVerification verify(@RestQuery String from, @RestQuery String hash) {
        long fromSeq = 1;
        if (from != null && !from.isBlank()) {
            try {
                fromSeq = Long.parseLong(from.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid("from", "must be a record seq, 1 or more");
            }
        }
        if (hash != null && !hash.isBlank() && !hash.trim().matches("[0-9a-f]{64}")) {
            throw ApiException.invalid("hash", "must be 64 lowercase hex digits");
        }
        return verifier.verify(fromSeq, hash == null || hash.isBlank() ? null : hash.trim());
    }

    /** Every record matching the filters as JSON Lines, oldest first, streamed. */
    @GET
    @Path("export")
    @RolesAllowed(Roles.ADMIN)
    @Produces(AuditExporter.MEDIA_TYPE)
    public Response export(@BeanParam AuditFilterParams params) {
        AuditFilter filter = params.toFilter();
        Actor actor = currentActor.get();
        String requestId = RequestIds.current();
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 65536);
            exporter.export(filter, writer, actor, requestId);
        };
        return Response.ok(body, AuditExporter.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"operon-audit.jsonl\"")
                .build();
    }

    private static int parseLimit(String text, List<Problem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static boolean parseOrder(String text, List<Problem.FieldError> errors) {
        if (text == null || text.isBlank() || text.trim().equals("desc")) {
            return true;
        }
        if (text.trim().equals("asc")) {
            return false;
        }
        errors.add(new Problem.FieldError("order", "must be asc or desc"));
        return true;
    }
}
