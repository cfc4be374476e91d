package dev.operon.core.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.profiles.ProfileQueries;
import dev.operon.core.profiles.ProfileViews;
import dev.operon.core.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** End-user profiles: a search, and one profile with its identities, traits, features and recent events. */
@Path("/profiles")
@Produces(MediaType.TEXT_HTML)
public class ProfilePages {

    static final int PAGE = 50;
    static final int RECENT_EVENTS = 20;

    @Inject
    Pages pages;

    @Inject
    ProfileQueries profiles;

    @Inject
    ObjectMapper mapper;

    @Location("console/profiles.html")
    Template list;

    @Location("console/profile.html")
    Template detail;

    /** A trait or a feature as a row: its name and its value as text (JSON for anything but a string). */
    @TemplateData
    public record Field(String name, String value) {
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Response list(@QueryParam("userId") String userId, @QueryParam("anonymousId") String anonymousId,
                         @QueryParam("trait") String trait, @QueryParam("value") String value,
                         @QueryParam("after") Long after) {
        String wantedValue = EventPages.blankToNull(value);
        String wantedTrait = EventPages.blankToNull(trait);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("userId", orEmpty(EventPages.blankToNull(userId)));
        filters.put("anonymousId", orEmpty(EventPages.blankToNull(anonymousId)));
        filters.put("trait", orEmpty(wantedTrait));
        filters.put("value", orEmpty(wantedValue));
        TemplateInstance view = pages.render(list, "profiles").data("f", filters);
        if (wantedValue != null && wantedTrait == null) {
            // the page stays, with the filter as typed and what is wrong with it
            return Pages.html(422, view.data("profiles", List.of()).data("nextUrl", "")
                    .data("problem", "value: needs a trait").render()).build();
        }
        ProfileViews.SummaryPage page = profiles.search(EventPages.blankToNull(userId),
                EventPages.blankToNull(anonymousId), wantedTrait, wantedValue, after == null ? 0 : after, PAGE);
        String next = page.next() == null ? "" : "/profiles?" + EventPages.query(filters) + "&after=" + page.next();
        return Pages.html(200, view.data("profiles", page.items()).data("nextUrl", next).data("problem", "")
                .render()).build();
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance show(@PathParam("id") long id) {
        ProfileViews.Detail profile = profiles.detail(id);
        ProfileViews.Timeline recent = profiles.timeline(profile.id(), null, RECENT_EVENTS);
        PanelCells cells = PanelCells.of(pages.page("profiles"));
        return pages.render(detail, "profiles").data("p", profile).data("traits", fields(profile.traits(), cells))
                .data("features", profile.features() == null ? List.of() : fields(
                        mapper.convertValue(profile.features(), Map.class), cells))
                .data("scores", profile.scores() == null || profile.scores().isEmpty() ? ""
                        : Charts.pretty(profile.scores()))
                .data("consent", fields(profile.consent() == null ? Map.of() : profile.consent(), cells))
                .data("events", recent.items()).data("more", recent.next() != null);
    }

    /** Traits, features and consent: single values shown as on panels (UTC times, rounded numbers, yes/no). */
    static List<Field> fields(Map<?, ?> values, PanelCells cells) {
        if (values == null) {
            return List.of();
        }
        return values.entrySet().stream().map(e -> new Field(String.valueOf(e.getKey()), text(e.getValue(), cells)))
                .toList();
    }

    private static String text(Object value, PanelCells cells) {
        if (value == null) {
            return "null";
        }
        com.fasterxml.jackson.databind.JsonNode node = Charts.JSON.valueToTree(value);
        return node.isValueNode() ? cells.text(node) : Charts.json(value);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
