package dev.operon.core.console;

import dev.operon.core.api.ApiException;
import dev.operon.core.ingest.EventReader;
import dev.operon.core.ingest.EventView;
import dev.operon.core.profiles.ProfileReader;
import dev.operon.core.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Recent events (filters, keyset paging by id) and one event with its properties and context as pretty JSON. */
@Path("/events")
@Produces(MediaType.TEXT_HTML)
public class EventPages {

    static final int PAGE = 50;
    static final List<String> TYPES = List.of("track", "identify", "page", "screen", "group", "alias");

    @Inject
    Pages pages;

    @Inject
    EventReader events;

    @Inject
    ProfileReader profiles;

    @Location("console/events.html")
    Template list;

    @Location("console/event.html")
    Template detail;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Response list(@QueryParam("type") String type, @QueryParam("name") String name,
                         @QueryParam("userId") String userId, @QueryParam("anonymousId") String anonymousId,
                         @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("before") Long before) {
        String wantedType = blankToNull(type);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("type", orEmpty(wantedType));
        filters.put("name", orEmpty(blankToNull(name)));
        filters.put("userId", orEmpty(blankToNull(userId)));
        filters.put("anonymousId", orEmpty(blankToNull(anonymousId)));
        filters.put("from", orEmpty(blankToNull(from)));
        filters.put("to", orEmpty(blankToNull(to)));
        TemplateInstance page = pages.render(list, "events").data("types", TYPES).data("f", filters)
                .data("filtered", filters.values().stream().anyMatch(v -> !v.isEmpty()));
        List<EventView> found;
        try {
            if (wantedType != null && !TYPES.contains(wantedType)) {
                throw ApiException.invalid("type", "must be track, identify, page, screen, group or alias");
            }
            found = events.page(new EventReader.Filter(wantedType, blankToNull(name), blankToNull(userId),
                    blankToNull(anonymousId), time("from", from), time("to", to), before, PAGE + 1));
        } catch (ApiException e) {
            // the page stays, with the filter as typed and what is wrong with it above the (empty) list
            return Pages.html(e.status(), page.data("events", List.of()).data("nextUrl", "")
                    .data("problem", Pages.problemText(e)).render()).build();
        }
        List<EventView> shown = found.stream().limit(PAGE).toList();
        String next = found.size() > PAGE ? "/events?" + query(filters) + "&before=" + shown.get(PAGE - 1).id() : "";
        return Pages.html(200, page.data("events", shown).data("nextUrl", next).data("problem", "").render()).build();
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance show(@PathParam("id") long id) {
        EventView event = events.find(id).orElseThrow(() -> ApiException.notFound("no event " + id));
        Optional<Long> profile = profiles.resolve(event.userId() != null ? event.userId() : event.anonymousId());
        return pages.render(detail, "events").data("e", event).data("profileId", profile.orElse(-1L))
                .data("properties", pretty(event.properties())).data("traits", pretty(event.traits()))
                .data("context", pretty(event.context())).data("integrations", pretty(event.integrations()));
    }

    private static String pretty(Object json) {
        return json == null ? "" : Charts.pretty(json);
    }

    static String query(Map<String, String> filters) {
        StringBuilder query = new StringBuilder();
        filters.forEach((key, value) -> {
            if (!value.isEmpty()) {
                query.append(query.isEmpty() ? "" : "&").append(key).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    /** An ISO-8601 date-time (offset optional, UTC when absent) or a date (its midnight UTC). */
    static Instant time(String field, String text) {
        String trimmed = blankToNull(text);
        if (trimmed == null) {
            return null;
        }
        try {
            if (trimmed.length() == 10) {
                return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(trimmed, OffsetDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "'" + trimmed + "' is not an ISO-8601 date or date-time");
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
