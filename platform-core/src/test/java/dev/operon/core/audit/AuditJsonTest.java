package dev.operon.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void redactsSecretKeysAtAnyDepthAndKeepsTheRest() throws Exception {
        Map<String, Object> value = Map.of(
                "name", "nightly",
                "connection", Map.of("user", "svc", "password", "hunter2", "port", 5432),
                "clients", List.of(Map.of("client_secret", "s3cr3t", "client_id", "abc")),
                "headers", Map.of("Authorization", "Basic dXNlcjpwYXNz", "Accept", "*/*"),
                "apiKey", "k-123",
                "plugin", Map.of("settings", Map.of("X-Api-Key", "k-456", "credentials", Map.of("a", 1))));

        JsonNode out = mapper.readTree(AuditJson.canonical(mapper, value));

        assertEquals("nightly", out.get("name").asText());
        assertEquals("svc", out.at("/connection/user").asText());
        assertEquals(5432, out.at("/connection/port").asInt());
        assertEquals("***", out.at("/connection/password").asText());
        assertEquals("***", out.at("/clients/0/client_secret").asText());
        assertEquals("abc", out.at("/clients/0/client_id").asText());
        assertEquals("***", out.at("/headers/Authorization").asText());
        assertEquals("*/*", out.at("/headers/Accept").asText());
        assertEquals("***", out.get("apiKey").asText());
        assertEquals("***", out.at("/plugin/settings/X-Api-Key").asText());
        assertEquals("***", out.at("/plugin/settings/credentials").asText(), "a secret object is redacted whole");
        String text = AuditJson.canonical(mapper, value);
        for (String secret : List.of("hunter2", "s3cr3t", "dXNlcjpwYXNz", "k-123", "k-456")) {
            assertFalse(text.contains(secret), secret + " leaked into " + text);
        }
    }

    @Test
    void anAbsentSecretStaysNull() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("password", null);
        assertEquals("{\"password\":null}", AuditJson.canonical(mapper, value));
    }

    @Test
    void redactsCredentialsInsideStringValues() {
        assertEquals("Bearer ***", AuditJson.redactText("Bearer eyJhbGciOi.abc.def"));
        assertEquals("postgres://app:***@db:5432/operon", AuditJson.redactText("postgres://app:pw@db:5432/operon"));
        assertEquals("jdbc:x://h/db?user=a&password=***&ssl=true",
                AuditJson.redactText("jdbc:x://h/db?user=a&password=pw&ssl=true"));
        assertEquals("a bearer of good news", AuditJson.redactText("a bearer of good news"));
        assertEquals("https://example.com/path", AuditJson.redactText("https://example.com/path"));
    }

    @Test
    void sortsKeysAtEveryLevelWithoutWhitespace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("B", 2);
        inner.put("a", 3);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("y", List.of(inner));
        value.put("x", inner);

        assertEquals("{\"x\":{\"B\":2,\"a\":3,\"z\":1},\"y\":[{\"B\":2,\"a\":3,\"z\":1}]}",
                AuditJson.canonical(mapper, value));
    }

    @Test
    void sameContentInAnyKeyOrderGivesTheSameText() throws Exception {
        assertEquals(AuditJson.canonical(mapper, mapper.readTree("{\"b\":{\"d\":1,\"c\":[2,1]},\"a\":true}")),
                AuditJson.canonical(mapper, mapper.readTree("{\"a\":true,\"b\":{\"c\":[2,1],\"d\":1}}")));
    }

    @Test
    void leavesTheCallersTreeUntouched() throws Exception {
        JsonNode given = mapper.readTree("{\"token\":\"t-1\",\"b\":1,\"a\":2}");
        AuditJson.canonical(mapper, given);
        assertEquals("{\"token\":\"t-1\",\"b\":1,\"a\":2}", mapper.writeValueAsString(given));
    }

    @Test
    void nullStaysNullAndScalarsAreJson() {
        assertNull(AuditJson.canonical(mapper, null));
        assertEquals("\"ok\"", AuditJson.canonical(mapper, "ok"));
        assertEquals("42", AuditJson.canonical(mapper, 42));
    }

    @Test
    void recognisesItsOwnCanonicalForm() {
        String canonical = AuditJson.canonical(mapper, Map.of("b", 1, "a", List.of("x")));
        assertTrue(AuditJson.isCanonical(mapper, canonical));
        assertFalse(AuditJson.isCanonical(mapper, "{\"b\":1,\"a\":[\"x\"]}"));
        assertFalse(AuditJson.isCanonical(mapper, "{\"a\": 1}"));
        assertFalse(AuditJson.isCanonical(mapper, "not json"));
        assertTrue(AuditJson.isCanonical(mapper, null));
    }
}
