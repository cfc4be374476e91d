package dev.operon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * jqwik properties of the Tracking API's body parser, run by jqwik's own engine beside Jupiter (no platform start):
 * whatever the bytes, parsing either succeeds or refuses with a 4xx {@link ApiException}, never another exception.
 * The HTTP-level fuzzing, with the database, is {@code dev.operon.core.fuzz.IngestionFuzzTest}.
 */
class SegmentRequestPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 2000)
    void anyBytesParseOrAreRefusedAsBadInput(@ForAll("bodies") byte[] body) {
        for (boolean batch : new boolean[] {false, true}) {
            try {
                SegmentRequest request = batch ? SegmentRequest.batch(JSON, body) : SegmentRequest.single(JSON, body);
                assertThat(request.messages()).hasSameSizeAs(request.sizes()).hasSameSizeAs(request.raw());
            } catch (ApiException e) {
                assertThat(e.status()).as(e.getMessage()).isBetween(400, 499);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"batch\"", "\"type\"",
                "\"track\"", "\"properties\"", "\"context\"", "{\"a\":1}", "\"\\ud800\"", "\"\\u0000\"", "1e99999",
                "null", "true", "\"x\"", "\\", "\"", " ", "\ufeff", "😀");
        Arbitrary<byte[]> structured = fragments.list().ofMaxSize(40)
                .map(parts -> String.join("", parts).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> framed = fragments.list().ofMaxSize(30)
                .map(parts -> ("{\"batch\":[{\"type\":\"track\"," + String.join("", parts) + "}]}")
                        .getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(structured, framed, random);
    }
}
