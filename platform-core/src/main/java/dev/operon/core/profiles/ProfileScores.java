package dev.operon.core.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/** Values plugins store on profiles, under {@code <plugin-id>.<name>}. */
@ApplicationScoped
public class ProfileScores {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    @Inject
    Jdbc jdbc;

    @Inject
    ProfileReader reader;

    @Inject
    ObjectMapper mapper;

    /** Replaces what {@code pluginId} stored under {@code name} on the profile (or the profile it was merged into). */
    public void put(String pluginId, long profileId, String name, Map<String, Object> values) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("score name must be 1-100 lower-case letters, digits, '.', '_' or "
                    + "'-', not '" + name + "'");
        }
        long live = reader.live(profileId)
                .orElseThrow(() -> new IllegalArgumentException("no profile " + profileId));
        String json;
        try {
            json = mapper.writeValueAsString(values == null ? Map.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("scores must be JSON values: " + e.getOriginalMessage());
        }
        Instant now = Instant.now();
        jdbc.update("""
                insert into profile_score (profile_id, name, plugin_id, score, updated_at) values (?, ?, ?, ?::jsonb, ?)
                on conflict (profile_id, name) do update set score = excluded.score, updated_at = excluded.updated_at
                """, live, pluginId + "." + name, pluginId, json, now);
        jdbc.update("update profile set updated_at = ? where id = ?", now, live);
    }
}
