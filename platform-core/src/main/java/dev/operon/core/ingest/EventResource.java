package dev.operon.core.ingest;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.RequestIds;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/events}: stored events for operators, counts, and bulk import of historical events. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    @Inject
    EventReader reader;

    @Inject
    EventImporter importer;

    @Inject
    SourceService sources;

    @Inject
    AuditService audit;

    @Inject
    CurrentActor currentActor;

    /**
     * Newest first. Filters combine with AND; {@code from} (included) and {@code to} (excluded) are ISO-8601 event
     * times; {@code before} is the smallest id of the previous page.
     */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public List<EventView> list(@QueryParam("type") String type, @QueryParam("name") String name,
                                @QueryParam("userId") String userId, @QueryParam("anonymousId") String anonymousId,
                                @QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("before") Long before, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (type != null && !IncomingEvent.TYPES.contains(type)) {
            throw ApiException.invalid("type", "must be track, identify, page, screen, group or alias");
        }
        return reader.page(new EventReader.Filter(type, name, userId, anonymousId, time("from", from),
                time("to", to), before, limit));
    }

    /** {@code {"events": N, "users": M, ...}}: the same figures as {@code ./operon events stats}. */
    @GET
    @Path("stats")
    @RolesAllowed(Roles.VIEWER)
    public EventStats stats() {
        return reader.stats();
    }

    /**
     * Imports historical events from the body, streamed: CSV with a header ({@code format=csv} or
     * {@code Content-Type: text/csv}) or JSON Lines ({@code format=jsonl}, or {@code application/x-ndjson}).
     * {@code mode=valid-only} (default) stores the valid lines and lists the bad ones by line number;
     * {@code mode=all-or-nothing} stores nothing when a line is bad. Deduplicated like live events. The body may be
     * gzip or deflate ({@code Content-Encoding}), decoded as it is read.
     */
    @POST
    @Path("import")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.WILDCARD)
    public ImportSummary importEvents(InputStream body, @QueryParam("format") String format,
                                      @QueryParam("source") String source, @QueryParam("mode") String mode,
                                      @HeaderParam("Content-Type") String contentType,
                                      @HeaderParam("Content-Encoding") String encoding) {
        EventImporter.Format chosen = EventImporter.Format.parse(format != null ? format : formatOf(contentType));
        EventImporter.Mode chosenMode = EventImporter.Mode.parse(mode);
        Long sourceId = source == null || source.isBlank() ? null : sources.get(source).id();
        InputStream decoded;
        try {
            decoded = RequestBodies.decoded(body, encoding);
        } catch (java.io.UncheckedIOException e) {
            throw ApiException.badRequest("the import could not be read: " + e.getMessage());
        }
        ImportSummary summary = importer.importEvents(decoded, chosen, chosenMode, sourceId, null);
        audit.record(AuditEvent.success(currentActor.get(), "events.import",
                        sourceId == null ? null : SourceService.target(sourceId))
                .withRequestId(RequestIds.current()).withDetails(audited(summary)));
        return summary;
    }

    /** The summary's counts, for the audit log (the line errors may quote personal data). */
    static Map<String, Object> audited(ImportSummary summary) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", summary.format());
        details.put("mode", summary.mode());
        details.put("lines", summary.lines());
        details.put("imported", summary.imported());
        details.put("duplicates", summary.duplicates());
        details.put("suppressed", summary.suppressed());
        details.put("rejected", summary.rejected());
        details.put("committed", summary.committed());
        return details;
    }

    private static String formatOf(String contentType) {
        if (contentType == null) {
            throw ApiException.invalid("format", "say format=csv or format=jsonl (or send Content-Type text/csv"
                    + " or application/x-ndjson)");
        }
        String type = contentType.toLowerCase().split(";")[0].strip();
        return switch (type) {
            case "text/csv" -> "csv";
            case "application/x-ndjson", "application/jsonl", "application/jsonlines", "application/json-lines",
                    "application/x-jsonlines" -> "jsonl";
            default -> throw ApiException.invalid("format", "say format=csv or format=jsonl (Content-Type "
                    + type + " does not tell)");
        };
    }

    private static Instant time(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return SegmentEvents.parseTime(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "'" + text + "' is not an ISO-8601 date-time");
        }
    }
}
