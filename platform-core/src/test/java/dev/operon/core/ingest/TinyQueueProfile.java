package dev.operon.core.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A writer with room for five waiting events, one thread, a low per-source rate limit and a retention policy. */
public class TinyQueueProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("operon.core.ingest.queue-capacity", "5",
                "operon.core.ingest.writer-threads", "1",
                "operon.core.ingest.max-write-batch", "5",
                "operon.core.ingest.source-rate-limit", "2",
                "operon.core.ingest.retry-after-seconds", "2",
                "operon.core.ingest.retention", "P400D");
    }
}
