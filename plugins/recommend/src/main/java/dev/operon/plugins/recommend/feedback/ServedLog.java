package dev.operon.plugins.recommend.feedback;

import dev.operon.sdk.data.PluginData;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The recommendations served ({@code recommend_served}) and A/B assignments ({@code recommend_assignment}). */
public final class ServedLog {

    /**
     * One served recommendation.
     *
     * @param id        the recommendation id (travels in impression and click events)
     * @param profileId the profile it was served to, or null for an unknown user
     * @param userKey   {@code p:<profile id>}, or {@code u:<id as given>} for an unknown user
     * @param model     {@code recommend.ease v3}, or {@code popular} for lists without a model
     * @param variant   the A/B variant, or {@code default}
     * @param items     the item ids in rank order
     * @param coldStart served from the popular lists (no usable history)
     */
    public record Served(UUID id, Long profileId, String userKey, String model, String variant, List<String> items,
                         boolean coldStart, Instant servedAt) {
    }

    private final PluginData data;

    public ServedLog(PluginData data) {
        this.data = data;
    }

    /**
     * Records a served recommendation, and in the same transaction the user's assignment to the experiment (the
     * first one only: a user keeps their variant while the experiment's name stays).
     *
     * @param experiment the experiment's name, or null when no A/B split runs
     */
    public void record(Served served, String experiment) throws SQLException {
        data.inTransactionWithoutResult(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO recommend_served (id, profile_id, user_key,"
                    + " model, variant, items, cold_start, served_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setObject(1, served.id());
                if (served.profileId() == null) {
                    s.setNull(2, Types.BIGINT);
                } else {
                    s.setLong(2, served.profileId());
                }
                s.setString(3, served.userKey());
                s.setString(4, served.model());
                s.setString(5, served.variant());
                s.setArray(6, c.createArrayOf("text", served.items().toArray()));
                s.setBoolean(7, served.coldStart());
                s.setTimestamp(8, Timestamp.from(served.servedAt()));
                s.executeUpdate();
            }
            if (experiment != null) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO recommend_assignment (user_key,"
                        + " experiment, profile_id, variant, assigned_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (user_key, experiment) DO NOTHING")) {
                    s.setString(1, served.userKey());
                    s.setString(2, experiment);
                    if (served.profileId() == null) {
                        s.setNull(3, Types.BIGINT);
                    } else {
                        s.setLong(3, served.profileId());
                    }
                    s.setString(4, served.variant());
                    s.setTimestamp(5, Timestamp.from(served.servedAt()));
                    s.executeUpdate();
                }
            }
        });
    }

    public Optional<Served> find(UUID id) throws SQLException {
        Map<UUID, Served> found = find(List.of(id));
        return Optional.ofNullable(found.get(id));
    }

    /** The served recommendations with these ids (unknown ids are absent from the answer). */
    public Map<UUID, Served> find(List<UUID> ids) throws SQLException {
        Map<UUID, Served> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (Connection c = data.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, profile_id, user_key, model, variant, items,"
                     + " cold_start, served_at FROM recommend_served WHERE id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Served served = read(r);
                    out.put(served.id(), served);
                }
            }
        }
        return out;
    }

    static Served read(ResultSet r) throws SQLException {
        long profile = r.getLong(2);
        Long profileId = r.wasNull() ? null : profile;
        Array items = r.getArray(6);
        List<String> list = Arrays.asList((String[]) items.getArray());
        return new Served((UUID) r.getObject(1), profileId, r.getString(3), r.getString(4), r.getString(5),
                List.copyOf(list), r.getBoolean(7), r.getTimestamp(8).toInstant());
    }
}
