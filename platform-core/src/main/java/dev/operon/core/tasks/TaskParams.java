package dev.operon.core.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.CallerLocale;
import dev.operon.core.api.JsonMappingErrors;
import dev.operon.core.api.Problem;
import dev.operon.sdk.task.TaskType;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.validator.HibernateValidator;

/**
 * Binds JSON parameters to a task type's input record and validates them: unknown fields, wrong types and
 * constraint violations all become field errors under {@code params.}. The same check runs when a definition is
 * saved, when a run is queued and when an attempt starts.
 */
@ApplicationScoped
public class TaskParams {

    private final ObjectMapper strict;
    private final ValidatorFactory validators;
    private final Validator validator;

    @Inject
    public TaskParams(ObjectMapper mapper, Instance<CallerLocale> callers) {
        CallerLocale caller = callers.isResolvable() ? callers.get() : () -> Locale.ENGLISH;
        this.strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // Not the application's Validator: Quarkus builds that one for the classes it saw at build time only
        // (Hibernate Validator's predefined scope) and silently skips the constraints of any other class, such as
        // the input records of a plugin jar loaded at run time. This one reads constraints of any class.
        this.validators = Validation.byProvider(HibernateValidator.class)
                .providerResolver(() -> List.of(new HibernateValidator()))
                .configure()
                .ignoreXmlConfiguration()
                // constraint messages in the caller's language (Hibernate Validator ships the translations)
                .defaultLocale(Locale.ENGLISH)
                .locales(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)
                .localeResolver(context -> caller.current())
                .buildValidatorFactory();
        this.validator = validators.getValidator();
    }

    @PreDestroy
    void close() {
        validators.close();
    }

    /** The input record for {@code params}, or a 422 listing every invalid field (named {@code params.<field>}). */
    public <I> I bind(TaskType<I, ?> type, JsonNode params) {
        return bind(type.inputType(), params, "params");
    }

    /**
     * Binds {@code json} to the record {@code type} and validates it, or throws a 422 listing every invalid field.
     * Fields are named {@code <root>.<field>}, or bare {@code <field>} when {@code root} is empty (then a problem
     * with the whole value is named {@code body}).
     */
    public <I> I bind(Class<I> type, JsonNode json, String root) {
        JsonNode source = json == null || json.isNull() ? strict.createObjectNode() : json;
        String whole = root.isEmpty() ? "body" : root;
        if (!source.isObject()) {
            throw ApiException.invalid(whole, "must be a JSON object");
        }
        I input;
        try {
            input = strict.treeToValue(source, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.invalid(field(root, "." + e.getPropertyName()), "unknown parameter; known: "
                    + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            String path = path(e);
            throw ApiException.invalid(path.isEmpty() ? whole : field(root, path), JsonMappingErrors.describe(e));
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(whole, e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(whole, e.getMessage());
        }
        List<Problem.FieldError> errors = validator.validate(input).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(field(root, "." + v.getPropertyPath()), v.getMessage()))
                .toList();
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return input;
    }

    private static String field(String root, String path) {
        return root.isEmpty() ? (path.startsWith(".") ? path.substring(1) : path) : root + path;
    }

    /** Parses JSON text from storage or the command line. */
    public JsonNode parse(String json) {
        try {
            JsonNode node = strict.readTree(json == null || json.isBlank() ? "{}" : json);
            return node == null ? strict.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("params", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code base} with every field of {@code overrides} set over it (a shallow merge). */
    public JsonNode merge(JsonNode base, JsonNode overrides) {
        if (overrides == null || overrides.isNull() || overrides.isEmpty()) {
            return base;
        }
        if (!overrides.isObject()) {
            throw ApiException.invalid("params", "must be a JSON object");
        }
        ObjectNode merged = base == null || !base.isObject() ? strict.createObjectNode() : base.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            merged.set(field.getKey(), field.getValue());
        }
        return merged;
    }

    public String write(Object value) {
        try {
            return strict.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return path.toString();
    }
}
