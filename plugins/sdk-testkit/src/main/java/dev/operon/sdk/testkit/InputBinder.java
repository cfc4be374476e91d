package dev.operon.sdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Turns what a test passes as input into the input record the way the platform turns a JSON request into it: the
 * value goes through JSON (a record, a map, a JSON string or a tree), is bound strictly (unknown fields and trailing
 * tokens refused) and validated with Jakarta Validation. Thread-safe.
 */
final class InputBinder implements AutoCloseable {

    private final ObjectMapper json;
    private final ObjectMapper strict;
    private final ValidatorFactory validators;
    private final Validator validator;

    InputBinder() {
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        this.strict = json.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.validators = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        this.validator = validators.getValidator();
    }

    /**
     * The {@code type} record for {@code input}, or an {@link InvalidInputException} naming every invalid field.
     *
     * @param target what the input is for, in messages ({@code task image-classifier.train})
     * @param input  null (no parameters), a record or bean of any class, a {@link Map}, a JSON {@link String} or a
     *               {@link JsonNode}
     */
    <I> I bind(String target, Class<I> type, Object input) {
        JsonNode tree = toTree(target, input);
        if (!tree.isObject()) {
            throw new InvalidInputException(target, List.of(new FieldError("", "must be a JSON object")));
        }
        I bound;
        try {
            bound = strict.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(target, List.of(new FieldError(path(e),
                    "unknown field; known: " + e.getKnownPropertyIds())));
        } catch (JsonMappingException e) {
            throw new InvalidInputException(target, List.of(new FieldError(path(e),
                    "wrong type or format: " + e.getOriginalMessage())));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(target, List.of(new FieldError("", e.getMessage())));
        }
        List<FieldError> errors = validator.validate(bound).stream()
                .map(InputBinder::toFieldError)
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(target, errors);
        }
        return bound;
    }

    /** {@code value} as JSON text, as the platform stores a task's output or answers an operation. */
    String write(Object value) throws JsonProcessingException {
        return json.writeValueAsString(value);
    }

    private JsonNode toTree(String target, Object input) {
        if (input == null) {
            return json.createObjectNode();
        }
        if (input instanceof JsonNode node) {
            return node;
        }
        try {
            if (input instanceof String text) {
                JsonNode node = strict.readTree(text.isBlank() ? "{}" : text);
                return node == null ? json.createObjectNode() : node;
            }
            return json.valueToTree(input);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(target, List.of(new FieldError("", "not valid JSON: " + e.getMessage())));
        }
    }

    private static FieldError toFieldError(ConstraintViolation<?> violation) {
        return new FieldError(violation.getPropertyPath().toString(), violation.getMessage());
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    @Override
    public void close() {
        validators.close();
    }
}
