package dev.operon.core.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.api.RequestIds;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.security.Roles;
import dev.operon.core.tasks.TaskParams;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Calls plugin operations, doing once for every plugin what the SDK promises: the role check (the operation's
 * {@code role()}; a refusal is a 403 and is audited as {@code denied}), binding and validating the input like task
 * parameters (422 naming each field), the call with an {@link dev.operon.sdk.operation.OperationContext}, and for
 * actions an audit record ({@code plugin.operation}, target {@code plugin:<id>/<operation>}) whatever the outcome.
 */
@ApplicationScoped
public class OperationCalls {

    public static final String AUDIT_ACTION = "plugin.operation";
    private static final Logger LOG = Logger.getLogger(OperationCalls.class);

    @Inject
    PluginRegistry registry;

    @Inject
    TaskParams params;

    @Inject
    AuditService audit;

    @Inject
    ObjectMapper mapper;

    /** Calls the operation; returns its output (null for none) or throws an {@link ApiException}. */
    public Object call(String pluginId, String name, String body, SecurityIdentity identity, Actor actor) {
        PluginEntry entry = registry.find(pluginId).filter(e -> e.plugin() != null)
                .orElseThrow(() -> ApiException.notFound("no plugin '" + pluginId + "'"));
        Operation<?, ?> operation = entry.plugin().operations().stream().filter(o -> o.name().equals(name))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("plugin '" + pluginId + "' has no operation '" + name + "'"));
        String target = "plugin:" + pluginId + "/" + name;
        String role = role(operation.role());
        if (!identity.hasRole(role)) {
            record(actor, target, AuditEvent.DENIED, null, null, details(operation.auditsInput() ? readable(body) : null,
                    "requires role " + role));
            throw new ApiException(403, "forbidden", "Forbidden", "operation '" + name + "' of plugin '" + pluginId
                    + "' requires the " + role + " role", null);
        }
        boolean action = operation.kind() == Operation.Kind.ACTION;
        JsonNode input = null;
        JsonNode audited = null;
        try {
            available(entry);
            input = parse(body);
            // an operation whose input may carry personal data keeps it out of the audit log (SDK 1.2)
            audited = operation.auditsInput() ? input : null;
            Object bound = params.bind(operation.inputType(), input, "");
            CallContext context = new CallContext(actor.toString(), RequestIds.current(), entry.services(), action);
            Object output = invoke(operation, context, bound);
            if (action) {
                record(actor, target, AuditEvent.SUCCESS, context.before(), context.after(), details(audited, null));
            }
            return output;
        } catch (OperationException e) {
            fail(action, actor, target, audited, e.getMessage());
            List<Problem.FieldError> errors = e.errors().isEmpty() ? null : e.errors().stream()
                    .map(f -> new Problem.FieldError(f.field(), f.message())).toList();
            throw new ApiException(e.status(), type(e.status()), title(e.status()), e.getMessage(), errors);
        } catch (ApiException e) {
            fail(action, actor, target, audited, e.getMessage());
            throw e;
        } catch (Exception | LinkageError e) {
            LOG.errorf(e, "operation %s/%s failed (request %s)", pluginId, name, RequestIds.current());
            fail(action, actor, target, audited, "unexpected error");
            throw new ApiException(500, "internal", "Internal error", "the operation failed unexpectedly; quote"
                    + " request id " + RequestIds.current() + " to an operator", null);
        }
    }

    /**
     * Calls an operation on behalf of a core endpoint that checked the caller's role itself (such as the metrics
     * points API, which ingest keys may call): the operation's own role is not checked. An action is audited once,
     * as {@code auditAction} on {@code auditTarget}, with {@code auditDetails} in place of the input (a batch of
     * points would otherwise copy every point into the audit log) and the operation's before and after values.
     */
    public Object callForCore(String pluginId, String name, JsonNode input, Actor actor, String auditAction,
                              String auditTarget, Map<String, Object> auditDetails) {
        return callForCore(pluginId, name, input, actor, auditAction, auditTarget, auditDetails, in -> List.of());
    }

    /**
     * As above, with the core's own check of the input first ({@code precheck} lists its problems): a refused input
     * is a 422 naming each problem, audited as a failure like any other refusal.
     */
    public Object callForCore(String pluginId, String name, JsonNode input, Actor actor, String auditAction,
                              String auditTarget, Map<String, Object> auditDetails,
                              java.util.function.Function<JsonNode, List<Problem.FieldError>> precheck) {
        PluginEntry entry = registry.find(pluginId).filter(e -> e.plugin() != null)
                .orElseThrow(() -> new ApiException(503, "plugin-unavailable", "Plugin unavailable", "plugin '"
                        + pluginId + "' is not installed", null));
        Operation<?, ?> operation = entry.plugin().operations().stream().filter(o -> o.name().equals(name))
                .findFirst().orElseThrow(() -> new ApiException(503, "plugin-unavailable", "Plugin unavailable",
                        "plugin '" + pluginId + "' has no operation '" + name + "'", null));
        boolean action = operation.kind() == Operation.Kind.ACTION;
        try {
            available(entry);
            List<Problem.FieldError> problems = precheck.apply(input);
            if (!problems.isEmpty()) {
                throw ApiException.invalid(problems);
            }
            Object bound = params.bind(operation.inputType(), input, "");
            CallContext context = new CallContext(actor.toString(), RequestIds.current(), entry.services(), action);
            Object output = invoke(operation, context, bound);
            if (action) {
                audit.record(new AuditEvent(actor, auditAction, auditTarget, AuditEvent.SUCCESS, RequestIds.current(),
                        context.before(), context.after(), auditDetails));
            }
            return output;
        } catch (OperationException e) {
            failForCore(action, actor, auditAction, auditTarget, auditDetails, e.getMessage());
            List<Problem.FieldError> errors = e.errors().isEmpty() ? null : e.errors().stream()
                    .map(f -> new Problem.FieldError(f.field(), f.message())).toList();
            throw new ApiException(e.status(), type(e.status()), title(e.status()), e.getMessage(), errors);
        } catch (ApiException e) {
            failForCore(action, actor, auditAction, auditTarget, auditDetails, e.getMessage());
            throw e;
        } catch (Exception | LinkageError e) {
            LOG.errorf(e, "operation %s/%s failed (request %s)", pluginId, name, RequestIds.current());
            failForCore(action, actor, auditAction, auditTarget, auditDetails, "unexpected error");
            throw new ApiException(500, "internal", "Internal error", "the operation failed unexpectedly; quote"
                    + " request id " + RequestIds.current() + " to an operator", null);
        }
    }

    private void failForCore(boolean action, Actor actor, String auditAction, String auditTarget,
                             Map<String, Object> details, String error) {
        if (action) {
            Map<String, Object> withError = new LinkedHashMap<>(details);
            withError.put("error", error);
            audit.record(new AuditEvent(actor, auditAction, auditTarget, AuditEvent.FAILURE, RequestIds.current(),
                    null, null, withError));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object invoke(Operation operation, CallContext context, Object input) throws Exception {
        return ContextLoader.call(operation.getClass().getClassLoader(), () -> operation.call(context, input));
    }

    private static void available(PluginEntry entry) {
        if (entry.status() == PluginStatus.DISABLED) {
            throw new ApiException(409, "plugin-disabled", "Plugin disabled", "plugin '" + entry.id()
                    + "' is disabled; an admin can enable it", null);
        }
        if (entry.status() == PluginStatus.REFUSED) {
            throw new ApiException(503, "plugin-unavailable", "Plugin unavailable", "plugin '" + entry.id()
                    + "' was refused: " + entry.reason(), null);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode input = mapper.readTree(body);
            String nul = nulAt(input, "");
            if (nul != null) {
                // PostgreSQL cannot hold NUL in text: refused as bad input rather than failing in a plugin's query
                throw ApiException.invalid(nul.isEmpty() ? "$" : nul, "must not contain NUL characters");
            }
            return input;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed-body", "Malformed request body", "the body is not valid JSON: "
                    + e.getOriginalMessage(), null);
        }
    }

    /** The path of the first text or member name holding a NUL character, or null when there is none. */
    private static String nulAt(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0 ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nulAt(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().indexOf('\0') >= 0) {
                    return at.replace("\0", "");
                }
                String found = nulAt(field.getValue(), at);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The body as JSON for the audit record when it is JSON, else nothing. */
    private JsonNode readable(String body) {
        try {
            return body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void fail(boolean action, Actor actor, String target, JsonNode input, String error) {
        if (action) {
            record(actor, target, AuditEvent.FAILURE, null, null, details(input, error));
        }
    }

    private static Map<String, Object> details(JsonNode input, String error) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (input != null) {
            details.put("input", input);
        }
        if (error != null) {
            details.put("error", error);
        }
        return details;
    }

    /** Audits in a transaction of its own: the plugin's own writes are not part of any platform transaction. */
    private void record(Actor actor, String target, String outcome, Object before, Object after,
                        Map<String, Object> details) {
        audit.record(new AuditEvent(actor, AUDIT_ACTION, target, outcome, RequestIds.current(), before, after,
                details));
    }

    static String role(Operation.Role role) {
        return switch (role) {
            case VIEWER -> Roles.VIEWER;
            case OPERATOR -> Roles.OPERATOR;
            case ADMIN -> Roles.ADMIN;
        };
    }

    private static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    private static String type(int status) {
        return status == 422 ? "validation" : title(status).toLowerCase().replace(' ', '-');
    }
}
