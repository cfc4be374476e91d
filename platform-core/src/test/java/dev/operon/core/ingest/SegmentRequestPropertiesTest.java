package dev.operon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.fuzz.Gen;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A property of the Tracking API's body parser, checked on 2,000 seeded samples (no platform start): whatever the
 * bytes, parsing either succeeds or refuses with a 4xx {@link ApiException}, never another exception. The seed is
 * fixed ({@code -Doperon.fuzz.seed=N} overrides it) and printed with a failing sample. The HTTP-level fuzzing, with
 * the database, is {@code dev.operon.core.fuzz.IngestionFuzzTest}.
 */
class SegmentRequestPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES = 2000;

    @Test
    void anyBytesParseOrAreRefusedAsBadInput() {
        long seed = Gen.seed(0x5e9_0001L);
        List<byte[]> samples = bodies().samples(seed, SAMPLES);
        for (int i = 0; i < samples.size(); i++) {
            byte[] body = samples.get(i);
            String sample = "sample " + i + " of seed " + seed + " (rerun with -Doperon.fuzz.seed=" + seed + "), "
                    + "bytes " + HexFormat.of().formatHex(body) + ": " + new String(body, StandardCharsets.UTF_8);
            for (boolean batch : new boolean[] {false, true}) {
                String what = (batch ? "batch, " : "single, ") + sample;
                try {
                    SegmentRequest request = batch ? SegmentRequest.batch(JSON, body)
                            : SegmentRequest.single(JSON, body);
                    assertThat(request.messages()).as(what).hasSize(request.sizes().length);
                } catch (ApiException e) {
                    assertThat(e.status()).as(e.getMessage() + "; " + what).isBetween(400, 499);
                } catch (RuntimeException | StackOverflowError e) {
                    fail("threw " + e + " for " + what, e);
                }
            }
        }
    }

    private static Gen<byte[]> bodies() {
        Gen<String> fragments = Gen.of("{", "}", "[", "]", ",", ":", "\"batch\"", "\"type\"",
                "\"track\"", "\"properties\"", "\"context\"", "{\"a\":1}", "\"\\ud800\"", "\"\\u0000\"", "1e99999",
                "null", "true", "\"x\"", "\\", "\"", " ", "\ufeff", "😀");
        Gen<byte[]> structured = fragments.list(0, 40)
                .map(parts -> String.join("", parts).getBytes(StandardCharsets.UTF_8));
        Gen<byte[]> framed = fragments.list(0, 30)
                .map(parts -> ("{\"batch\":[{\"type\":\"track\"," + String.join("", parts) + "}]}")
                        .getBytes(StandardCharsets.UTF_8));
        Gen<byte[]> random = Gen.bytes(0, 200);
        return Gen.oneOf(structured, framed, random);
    }
}
