package dev.operon.core.ingest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A source as listed: never its write key, only a hint of it.
 *
 * @param id         the source id, stored with each of its events
 * @param name       unique name
 * @param keyHint    the key's first characters, to tell keys apart
 * @param createdBy  who created it ({@code type:id})
 * @param createdAt  when
 * @param lastUsedAt when its key was last accepted (updated at most once a minute), or null
 * @param disabledAt when it was disabled (its key is refused from then on), or null
 */
public record SourceView(long id, String name, String keyHint, String createdBy, Instant createdAt,
                         Instant lastUsedAt, Instant disabledAt) {

    public boolean enabled() {
        return disabledAt == null;
    }

    Map<String, Object> audited() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("name", name);
        map.put("keyHint", keyHint);
        map.put("enabled", enabled());
        return map;
    }
}
