package dev.operon.core.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import dev.operon.sdk.model.ModelUnavailableException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

/**
 * {@code /api/v1/models}: model types with their champions, versions, promotion and rollback (admin, audited,
 * with a reason), and predictions with the champion (operator).
 */
@Path("/api/v1/models")
public class ModelResource {

    @Inject
    ModelRegistry registry;

    @Inject
    ModelCatalog catalog;

    @Inject
    ModelServing serving;

    @Inject
    CurrentActor actor;

    @Inject
    Validator validator;

    private final ObjectMapper strict;

    @Inject
    public ModelResource(ObjectMapper mapper) {
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Every model type of the installed plugins, with its champion. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public List<ModelTypeView> list() {
        return registry.overview();
    }

    /** Every version of a type, newest first, with metrics, stage, the run that trained it and sizes. */
    @GET
    @Path("{type}/versions")
    @RolesAllowed(Roles.VIEWER)
    public List<RegisteredVersion> versions(@PathParam("type") String type) {
        return registry.versions(type);
    }

    @GET
    @Path("{type}/versions/{version}")
    @RolesAllowed(Roles.VIEWER)
    public RegisteredVersion version(@PathParam("type") String type, @PathParam("version") int version) {
        return registry.version(type, version);
    }

    /** Makes a version champion (a candidate, or an archived one); the champion is archived. */
    @POST
    @Path("{type}/versions/{version}/promote")
    @RolesAllowed(Roles.ADMIN)
    public RegisteredVersion promote(@PathParam("type") String type, @PathParam("version") int version,
                                     @NotNull @Valid Approval approval) {
        return registry.promote(type, version, approval.reason().strip(), actor.get());
    }

    /** Goes back to an earlier version: the one named, or the champion before the current one. */
    @POST
    @Path("{type}/rollback")
    @RolesAllowed(Roles.ADMIN)
    public RegisteredVersion rollback(@PathParam("type") String type, @NotNull @Valid Rollback rollback) {
        return registry.rollback(type, rollback.version(), rollback.reason().strip(), actor.get());
    }

    /** Predicts with the champion: the body is the type's input as JSON, the answer its output and the version. */
    @POST
    @Path("{type}/predict")
    @RolesAllowed(Roles.OPERATOR)
    public Prediction<Object> predict(@PathParam("type") String type, @NotNull JsonNode body) {
        ModelCatalog.Entry entry = catalog.require(type);
        Object input = bind(body, entry.type().inputType());
        try {
            return serving.predict(type, input);
        } catch (ModelUnavailableException e) {
            throw new ApiException(503, "model-unavailable", "Model unavailable", e.getMessage(), null);
        } catch (PredictionFailedException e) {
            throw new ApiException(422, "prediction-failed", "Prediction failed", e.getMessage(), null);
        }
    }

    private Object bind(JsonNode body, Class<?> inputType) {
        Object input;
        try {
            input = strict.treeToValue(body, inputType);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw ApiException.invalid("body", "not a valid input for this model type: " + detail);
        }
        List<Problem.FieldError> errors = validator.validate(input).stream()
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage())).toList();
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return input;
    }

    /** An admin's approval of a promotion: why. */
    public record Approval(@NotBlank @Size(max = 2000) String reason) {
    }

    /** A rollback: why, and to which version (default: the champion before the current one). */
    public record Rollback(@NotBlank @Size(max = 2000) String reason, @Min(1) Integer version) {
    }
}
