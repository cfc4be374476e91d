package dev.operon.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding errors are worded for the sender: what the field must be, never Jackson's text or Java class names. */
class JsonMappingErrorsTest {

    enum Speed { FAST, SLOW }

    record Window(String name) {
        Window {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }
    }

    record Input(int count, double ratio, boolean dryRun, Instant asOf, List<String> tags, Speed speed,
                 Window window) {
    }

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    private String messageFor(String json) {
        JsonMappingException e = catchThrowableOfType(JsonMappingException.class,
                () -> mapper.readValue(json, Input.class));
        assertThat(e).as(json).isNotNull();
        return JsonMappingErrors.describe(e);
    }

    @Test
    void saysWhatTheFieldMustBeAndQuotesTheValue() {
        assertThat(messageFor("{\"count\": \"abc\"}")).isEqualTo("must be a whole number, not \"abc\"");
        assertThat(messageFor("{\"ratio\": \"half\"}")).isEqualTo("must be a number, not \"half\"");
        assertThat(messageFor("{\"dryRun\": \"perhaps\"}")).isEqualTo("must be true or false, not \"perhaps\"");
        assertThat(messageFor("{\"asOf\": \"yesterday\"}"))
                .isEqualTo("must be an ISO-8601 time such as 2026-12-01T10:00:00Z, not \"yesterday\"");
        assertThat(messageFor("{\"tags\": 5}")).isEqualTo("must be a list");
        assertThat(messageFor("{\"speed\": \"medium\"}")).isEqualTo("must be one of FAST, SLOW, not \"medium\"");
        assertThat(messageFor("{\"window\": 3}")).isEqualTo("must be an object");
    }

    @Test
    void anInputTypesOwnRefusalIsPassedOn() {
        assertThat(messageFor("{\"window\": {\"name\": \" \"}}")).isEqualTo("name must not be blank");
    }

    @Test
    void noMessageNamesAJavaClass() {
        for (String json : List.of("{\"count\": [1]}", "{\"window\": [1]}", "{\"tags\": {\"a\": 1}}",
                "{\"asOf\": true}")) {
            assertThat(messageFor(json)).as(json).doesNotContain("java.").doesNotContain("`")
                    .doesNotContain("JsonMappingErrorsTest");
        }
    }
}
