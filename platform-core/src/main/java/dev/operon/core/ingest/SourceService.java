package dev.operon.core.ingest;

import dev.operon.core.api.ApiException;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Event sources and their write keys: create (the key is shown once), list, disable; each change audited. */
@ApplicationScoped
public class SourceService {

    static final String KEY_PREFIX = "owk_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = "select id, name, write_key_hint, created_by, created_at, last_used_at,"
            + " disabled_at from event_source";

    @Inject
    Jdbc jdbc;

    @Inject
    AuditService audit;

    @Inject
    Validator validator;

    @Inject
    WriteKeys writeKeys;

    @Transactional
    public CreatedSource create(NewSource request, Actor actor, String requestId) {
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        String name = request.name().strip();
        if (find(name).isPresent()) {
            throw ApiException.conflict("a source named '" + name + "' already exists");
        }
        String key = newKey();
        String hint = key.substring(0, KEY_PREFIX.length() + 6) + "…";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long id;
        try {
            id = jdbc.insert("insert into event_source (name, write_key_hash, write_key_hint, created_by,"
                    + " created_at) values (?, ?, ?, ?, ?)", name, hash(key), hint, actor.toString(), now);
        } catch (Jdbc.DataAccessException e) {
            if ("23505".equals(e.sqlState())) {
                throw ApiException.conflict("a source named '" + name + "' already exists");
            }
            throw e;
        }
        SourceView view = new SourceView(id, name, hint, actor.toString(), now, null, null);
        audit.record(AuditEvent.success(actor, "source.create", target(id)).withRequestId(requestId)
                .withAfter(view.audited()));
        return new CreatedSource(id, name, hint, now, key);
    }

    @Transactional
    public List<SourceView> list() {
        return jdbc.list(SELECT + " order by name", SourceService::view);
    }

    /** The source with this name or id, or 404. */
    @Transactional
    public SourceView get(String nameOrId) {
        return find(nameOrId).orElseThrow(() -> ApiException.notFound("no source '" + nameOrId + "'"));
    }

    /** Disables the source: its key is refused (401) from then on. Disabling twice changes nothing. */
    @Transactional
    public SourceView disable(String nameOrId, Actor actor, String requestId) {
        SourceView before = get(nameOrId);
        if (!before.enabled()) {
            return before;
        }
        jdbc.update("update event_source set disabled_at = now() where id = ?", before.id());
        SourceView after = get(Long.toString(before.id()));
        writeKeys.forget(before.id());
        audit.record(AuditEvent.success(actor, "source.disable", target(before.id())).withRequestId(requestId)
                .withBefore(before.audited()).withAfter(after.audited()));
        return after;
    }

    private Optional<SourceView> find(String nameOrId) {
        Optional<SourceView> byName = jdbc.one(SELECT + " where name = ?", SourceService::view, nameOrId.strip());
        if (byName.isPresent() || !nameOrId.strip().matches("[0-9]{1,18}")) {
            return byName;
        }
        return jdbc.one(SELECT + " where id = ?", SourceService::view, Long.parseLong(nameOrId.strip()));
    }

    static String target(long id) {
        return "source:" + id;
    }

    private static SourceView view(ResultSet rs) throws SQLException {
        return new SourceView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                instant(rs, 6), instant(rs, 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String newKey() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return KEY_PREFIX + HexFormat.of().formatHex(bytes);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
