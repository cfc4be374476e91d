package dev.operon.core.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for {@code model_version}. Artifacts are written from a file and read back in chunks, never listed. */
@ApplicationScoped
public class ModelStore {

    static final String COLUMNS = "id, plugin_id, model_type, version, stage, run_id, model_name, parameters,"
            + " data_from, data_to, validation_metrics, test_metrics, properties, artifact_sha256, artifact_bytes,"
            + " created_at, promoted_at, promoted_by, promotion_reason, archived_at";
    private static final int CHUNK = 4 << 20;
    private static final TypeReference<Map<String, Object>> OBJECTS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };

    @Inject
    Jdbc jdbc;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** The current champion of {@code modelType}, if any. */
    public Optional<RegisteredVersion> champion(String modelType) {
        return jdbc.one("select " + COLUMNS + " from model_version where model_type = ? and stage = 'champion'",
                this::map, modelType);
    }

    /** {version, sha256} of the champion of each of {@code types} that has one. */
    public Map<String, ChampionRef> champions(List<String> types) {
        if (types.isEmpty()) {
            return Map.of();
        }
        Map<String, ChampionRef> refs = new java.util.HashMap<>();
        jdbc.list("select model_type, id, version, artifact_sha256 from model_version where stage = 'champion'"
                        + " and model_type = any(?)", rs -> new ChampionRef(rs.getString(1), rs.getLong(2),
                        rs.getInt(3), rs.getString(4)), (Object) types.toArray(String[]::new))
                .forEach(ref -> refs.put(ref.modelType(), ref));
        return refs;
    }

    /** The champion's identity: enough to tell whether a node serves the right one. */
    public record ChampionRef(String modelType, long id, int version, String sha256) {
    }

    public Optional<RegisteredVersion> find(String modelType, int version) {
        return jdbc.one("select " + COLUMNS + " from model_version where model_type = ? and version = ?", this::map,
                modelType, version);
    }

    public Optional<RegisteredVersion> find(long id) {
        return jdbc.one("select " + COLUMNS + " from model_version where id = ?", this::map, id);
    }

    /** Newest first. */
    public List<RegisteredVersion> versions(String modelType) {
        return jdbc.list("select " + COLUMNS + " from model_version where model_type = ? order by version desc",
                this::map, modelType);
    }

    /** Versions per model type, for the overview. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.list("select model_type, count(*) from model_version group by model_type",
                rs -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The most recently archived version that was champion before, if any. */
    public Optional<RegisteredVersion> previousChampion(String modelType) {
        return jdbc.one("select " + COLUMNS + " from model_version where model_type = ? and stage = 'archived'"
                + " and promoted_at is not null order by archived_at desc, version desc limit 1", this::map, modelType);
    }

    /** Serialises registrations and stage changes of one model type until the transaction ends. */
    public void lockType(String modelType) {
        jdbc.list("select pg_advisory_xact_lock(hashtextextended(?, 6))", rs -> 1, "model_version:" + modelType);
    }

    public int nextVersion(String modelType) {
        return (int) jdbc.count("select coalesce(max(version), 0) + 1 from model_version where model_type = ?",
                modelType);
    }

    /** Inserts a version with its artifact streamed from the zipped file; returns its id. */
    public long insert(NewVersion v) {
        String sql = """
                insert into model_version (plugin_id, model_type, version, stage, run_id, model_name, parameters,
                    data_from, data_to, validation_metrics, test_metrics, properties, artifact, artifact_sha256,
                    artifact_bytes, promoted_at, promoted_by, promotion_reason)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?,
                        case when ? then now() end, ?, ?)
                returning id""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             InputStream artifact = Files.newInputStream(v.artifact().file())) {
            int i = 0;
            statement.setString(++i, v.pluginId());
            statement.setString(++i, v.modelType());
            statement.setInt(++i, v.version());
            statement.setString(++i, v.stage());
            statement.setObject(++i, v.runId());
            statement.setString(++i, v.modelName());
            statement.setString(++i, json(v.parameters()));
            statement.setObject(++i, utc(v.dataFrom()));
            statement.setObject(++i, utc(v.dataTo()));
            statement.setString(++i, json(v.validationMetrics()));
            statement.setString(++i, json(v.testMetrics()));
            statement.setString(++i, json(v.properties()));
            statement.setBinaryStream(++i, artifact, v.artifact().bytes());
            statement.setString(++i, v.artifact().sha256());
            statement.setLong(++i, v.artifact().bytes());
            boolean champion = RegisteredVersion.CHAMPION.equals(v.stage());
            statement.setBoolean(++i, champion);
            statement.setString(++i, champion ? v.promotedBy() : null);
            statement.setString(++i, champion ? v.reason() : null);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not store version " + v.version() + " of " + v.modelType() + ": "
                    + e.getMessage(), e);
        }
    }

    /** What to insert. */
    public record NewVersion(String pluginId, String modelType, int version, String stage, Long runId,
                             String modelName, Map<String, Object> parameters, Instant dataFrom, Instant dataTo,
                             Map<String, Double> validationMetrics, Map<String, Double> testMetrics,
                             Map<String, String> properties, Artifacts.Zipped artifact, String promotedBy,
                             String reason) {
    }

    public void makeChampion(long id, String by, String reason) {
        jdbc.update("update model_version set stage = 'champion', promoted_at = now(), promoted_by = ?,"
                + " promotion_reason = ?, archived_at = null where id = ?", by, reason, id);
    }

    public void archive(long id) {
        jdbc.update("update model_version set stage = 'archived', archived_at = now() where id = ?", id);
    }

    /** Copies the artifact to {@code out}, 4 MB per query, so that a large one never sits in memory whole. */
    public void copyArtifact(long id, OutputStream out) throws IOException {
        int offset = 1;
        while (true) {
            byte[] chunk = jdbc.one("select substring(artifact from ?::int for ?) from model_version where id = ?",
                    rs -> rs.getBytes(1), offset, CHUNK, id).orElseThrow(() -> new IOException("version " + id
                    + " is gone"));
            out.write(chunk);
            if (chunk.length < CHUNK) {
                return;
            }
            offset += CHUNK;
        }
    }

    private RegisteredVersion map(ResultSet rs) throws SQLException {
        return new RegisteredVersion(rs.getLong("id"), rs.getString("plugin_id"), rs.getString("model_type"),
                rs.getInt("version"), rs.getString("stage"), rs.getObject("run_id", Long.class),
                rs.getString("model_name"),
                read(rs.getString("parameters"), OBJECTS), instant(rs, "data_from"), instant(rs, "data_to"),
                read(rs.getString("validation_metrics"), NUMBERS), read(rs.getString("test_metrics"), NUMBERS),
                read(rs.getString("properties"), STRINGS), rs.getString("artifact_sha256"),
                rs.getLong("artifact_bytes"), instant(rs, "created_at"), instant(rs, "promoted_at"),
                rs.getString("promoted_by"), rs.getString("promotion_reason"), instant(rs, "archived_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not storable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) throws SQLException {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("model_version holds malformed JSON: " + e.getOriginalMessage(), e);
        }
    }
}
