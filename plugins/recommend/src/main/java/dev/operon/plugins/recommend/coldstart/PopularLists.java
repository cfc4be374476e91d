package dev.operon.plugins.recommend.coldstart;

import dev.operon.sdk.data.PluginData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The popular and trending items per segment ({@code recommend_popular}, written by
 * {@code recommend.popularity-refresh}), held in memory for cold start and reloaded after a refresh on this node or
 * at most a minute after the last load.
 */
public final class PopularLists {

    /** The segment of everybody. */
    public static final String EVERYONE = "";
    private static final long MAX_AGE_MILLIS = 60_000;

    /** One item of a list. */
    public record Entry(String itemId, double score) {
    }

    private record Loaded(Map<String, List<Entry>> lists, long at) {
    }

    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    /** The list of {@code segment}, best first; empty when the segment has none. */
    public List<Entry> list(PluginData data, String segment) throws SQLException {
        Loaded current = loaded.get();
        if (current == null || System.currentTimeMillis() - current.at() > MAX_AGE_MILLIS) {
            current = new Loaded(read(data), System.currentTimeMillis());
            loaded.set(current);
        }
        return current.lists().getOrDefault(segment == null ? EVERYONE : segment, List.of());
    }

    /** The next read goes to the database. */
    public void invalidate() {
        loaded.set(null);
    }

    private static Map<String, List<Entry>> read(PluginData data) throws SQLException {
        Map<String, List<Entry>> out = new HashMap<>();
        try (Connection c = data.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT segment, item_id, score FROM recommend_popular"
                     + " ORDER BY segment, score DESC, item_id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new Entry(r.getString(2),
                        r.getDouble(3)));
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(out);
    }

    /** Replaces every list in one transaction. */
    public static void write(PluginData data, Map<String, List<Entry>> lists, Instant at) throws SQLException {
        data.inTransactionWithoutResult(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM recommend_popular")) {
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO recommend_popular (segment, item_id,"
                    + " score, computed_at) VALUES (?, ?, ?, ?)")) {
                Timestamp time = Timestamp.from(at);
                for (Map.Entry<String, List<Entry>> list : lists.entrySet()) {
                    for (Entry e : list.getValue()) {
                        s.setString(1, list.getKey());
                        s.setString(2, e.itemId());
                        s.setDouble(3, e.score());
                        s.setTimestamp(4, time);
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
        });
    }
}
