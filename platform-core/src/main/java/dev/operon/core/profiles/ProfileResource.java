package dev.operon.core.profiles;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.RequestIds;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.runs.Run;
import dev.operon.core.runs.RunService;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import dev.operon.core.tasks.TaskService;
import dev.operon.sdk.profiles.Consent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/profiles}: end-user profiles (docs/profiles.md). */
@Path("/api/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfileResource {

    @Inject
    ProfileQueries queries;

    @Inject
    ConsentService consent;

    @Inject
    ProfileUpdater updater;

    @Inject
    ProfileReader reader;

    @Inject
    TaskService tasks;

    @Inject
    RunService runs;

    @Inject
    AuditService audit;

    @Inject
    CurrentActor actor;

    /** Search by user id, anonymous id or trait ({@code trait=plan}, optionally {@code value=pro}), in id order. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public ProfileViews.SummaryPage search(@QueryParam("userId") String userId,
                                           @QueryParam("anonymousId") String anonymousId,
                                           @QueryParam("trait") String trait, @QueryParam("value") String value,
                                           @QueryParam("after") @DefaultValue("0") @Min(0) long after,
                                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        if (value != null && trait == null) {
            throw ApiException.invalid("value", "needs a trait");
        }
        return queries.search(blankToNull(userId), blankToNull(anonymousId), blankToNull(trait), value, after, limit);
    }

    /** Identities, traits, features, consent and plugin scores; a merged profile's id answers with the winner. */
    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    public ProfileViews.Detail get(@PathParam("id") long id) {
        return queries.detail(id);
    }

    /** The events of the profile, newest first; {@code before} is the {@code next} value of the previous page. */
    @GET
    @Path("{id}/events")
    @RolesAllowed(Roles.VIEWER)
    public ProfileViews.Timeline events(@PathParam("id") long id, @QueryParam("before") String before,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return queries.timeline(id, blankToNull(before), limit);
    }

    @GET
    @Path("{id}/traits/history")
    @RolesAllowed(Roles.VIEWER)
    public ProfileViews.TraitHistory traitHistory(@PathParam("id") long id, @QueryParam("trait") String trait,
                                                  @QueryParam("before") @Min(1) Long before,
                                                  @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000)
                                                  int limit) {
        return queries.traitHistory(id, blankToNull(trait), before, limit);
    }

    /**
     * Sets consent choices: {@code {"marketing": false, "analytics": null}} (null returns a purpose to its default).
     * Answers the effective consent. Audited.
     */
    @PUT
    @Path("{id}/consent")
    @RolesAllowed(Roles.OPERATOR)
    public Consent setConsent(@PathParam("id") long id, @NotNull Map<String, Object> body) {
        // read as plain values so that a wrong type is a 422 naming the purpose, not a mapping error
        Map<String, Boolean> choices = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            if (entry.getValue() != null && !(entry.getValue() instanceof Boolean)) {
                throw ApiException.invalid(entry.getKey(), "must be true, false or null");
            }
            choices.put(entry.getKey(), (Boolean) entry.getValue());
        }
        return consent.set(id, choices, actor.get());
    }

    /**
     * Updates profiles now. With {@code {"profileId": N}}: that profile's features, answered at once. Otherwise a
     * run of {@code core.profiles-update} is queued ({@code {"full": true}} for a full recompute): 202 with the run.
     */
    @POST
    @Path("update")
    @RolesAllowed(Roles.OPERATOR)
    public Response update(UpdateRequest request) {
        UpdateRequest body = request == null ? new UpdateRequest(null, null) : request;
        if (body.profileId() != null) {
            long live = reader.live(body.profileId())
                    .orElseThrow(() -> ApiException.notFound("no profile " + body.profileId()));
            updater.updateOne(live);
            audit.record(new AuditEvent(actor.get(), "profile.update", "profile:" + live, AuditEvent.SUCCESS,
                    RequestIds.current(), null, null, null));
            return Response.ok(queries.detail(live)).build();
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("full", Boolean.TRUE.equals(body.full()));
        Run run = tasks.runType(ProfilesUpdateTask.ID,
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(input), actor.get());
        return Response.accepted(runs.get(run.id())).location(URI.create("/api/v1/runs/" + run.id())).build();
    }

    /** Body of {@code POST /api/v1/profiles/update}. */
    public record UpdateRequest(Long profileId, Boolean full) {
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
