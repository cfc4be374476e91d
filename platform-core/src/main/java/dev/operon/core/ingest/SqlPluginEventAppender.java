package dev.operon.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** {@link PluginEventAppender} with one plain insert per event; creates the month's partition when missing. */
@ApplicationScoped
public class SqlPluginEventAppender implements PluginEventAppender {

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    @Override
    public String append(String pluginId, String userId, String anonymousId, String event,
                         Map<String, Object> properties) {
        String messageId = "plugin-" + pluginId + "-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String props;
        String context;
        try {
            props = mapper.writeValueAsString(properties == null ? Map.of() : properties);
            context = mapper.writeValueAsString(Map.of("operon", Map.of("plugin", pluginId)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event properties must be JSON values: " + e.getOriginalMessage());
        }
        String sql = """
                insert into event (message_id, type, name, user_id, anonymous_id, ts, sent_at, received_at,
                                   properties, context)
                values (?, 'track', ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""";
        try {
            jdbc.update(sql, messageId, event, userId, anonymousId, now, now, now, props, context);
        } catch (Jdbc.DataAccessException e) {
            if (!"23514".equals(e.sqlState())) {
                throw e;
            }
            // no partition for this month yet
            jdbc.one("select event_ensure_partitions(?, ?)", rs -> rs.getInt(1), now, now);
            jdbc.update(sql, messageId, event, userId, anonymousId, now, now, now, props, context);
        }
        return messageId;
    }
}
