package dev.operon.core.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.RequestIds;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.db.Jdbc;
import dev.operon.core.plugins.ContextLoader;
import dev.operon.core.plugins.PluginEntry;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.core.plugins.PluginServices;
import dev.operon.core.profiles.ProfileEvents;
import dev.operon.core.profiles.ProfileQueries;
import dev.operon.sdk.privacy.DataSubject;
import dev.operon.sdk.privacy.PersonalData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Privacy requests about one end user (docs/privacy.md): export everything stored about them, or erase it, across
 * the core (events, profiles, identities, trait and consent history, scores, other {@link CorePersonalData}) and
 * every plugin's {@link PersonalData} hook.
 */
@ApplicationScoped
public class PrivacyService {

    private static final Logger LOG = Logger.getLogger(PrivacyService.class);

    @Inject
    DataSubjects subjects;

    @Inject
    ProfileQueries queries;

    @Inject
    ProfileEvents events;

    @Inject
    PluginRegistry plugins;

    @Inject
    Instance<CorePersonalData> coreParts;

    @Inject
    Suppression suppression;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Jdbc jdbc;

    @Inject
    AuditService audit;

    @Inject
    ObjectMapper mapper;

    // ---- export ----

    /** Everything about the user {@code id} names, as JSON-ready values; 404 when the core knows no such id. */
    public Map<String, Object> export(String id, Actor actor) {
        DataSubject subject = subjects.find(requireId(id))
                .orElseThrow(() -> ApiException.notFound("no profile is known by this id"));
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("requestedId", id);
        export.put("exportedAt", Instant.now());
        export.put("subject", Map.of("profileId", subject.profileId(), "profileIds", subject.profileIds(),
                "userIds", subject.userIds(), "anonymousIds", subject.anonymousIds()));
        export.put("profile", queries.detail(subject.profileId()));
        export.put("traitHistory", queries.traitHistory(subject.profileId(), null, null, 1_000_000).items());
        export.put("consentHistory", queries.consentHistory(subject.profileId()));
        export.put("events", queries.allEvents(ids(subject)));
        Map<String, Object> core = new LinkedHashMap<>();
        for (CorePersonalData part : coreParts) {
            core.put(part.name(), part.export(subject));
        }
        export.put("core", core);
        Map<String, Object> fromPlugins = new LinkedHashMap<>();
        for (Hook hook : hooks()) {
            try {
                fromPlugins.put(hook.pluginId(), ContextLoader.call(hook.loader(),
                        () -> hook.hook().export(subject, hook.services().data())));
            } catch (Exception | LinkageError e) {
                LOG.warnf("plugin %s: personal data export failed (%s)", hook.pluginId(), e.getClass().getName());
                fromPlugins.put(hook.pluginId(), Map.of("error", "the plugin's export failed: "
                        + e.getClass().getSimpleName()));
            }
        }
        export.put("plugins", fromPlugins);
        audit.record(new AuditEvent(actor, "privacy.export", "subject:" + SubjectHash.of(id), AuditEvent.SUCCESS,
                RequestIds.current(), null, null, Map.of("profiles", subject.profileIds().size(),
                "events", ((List<?>) export.get("events")).size())));
        return export;
    }

    // ---- erasure ----

    /**
     * Erases everything about the user {@code id} names. Idempotent: a request for an id already erased succeeds and
     * deletes nothing; a request for an id whose earlier erasure failed part-way retries every part with the ids
     * that erasure found. The audit log records the request with hashed ids only.
     */
    public ErasureReport erase(String id, Actor actor) {
        requireId(id);
        String hash = SubjectHash.of(id);
        Instant requestedAt = Instant.now();
        Optional<DataSubject> found = subjects.find(id);
        DataSubject subject = found.orElse(DataSubjects.unknown(id));
        subject = withPending(subject, id);
        DataSubject finalSubject = subject;
        long erasureId = QuarkusTransaction.requiringNew().call(() -> jdbc.one("""
                insert into privacy_erasure (subject_hash, status, subject, requested_by, requested_at)
                values (?, 'pending', ?::jsonb, ?, ?) returning id""", rs -> rs.getLong(1), hash,
                json(finalSubject), actor.toString(), requestedAt).orElseThrow());

        Map<String, Map<String, Object>> parts = new LinkedHashMap<>();
        try {
            Map<String, Object> deleted = QuarkusTransaction.requiringNew().timeout(3600)
                    .call(() -> eraseCore(finalSubject, id, erasureId));
            suppression.changed();
            parts.put("core", ok(deleted));
        } catch (RuntimeException e) {
            LOG.warnf("erasure %d: the core part failed (%s)", erasureId, e.getClass().getName());
            parts.put("core", failed(e));
        }
        for (CorePersonalData part : coreParts) {
            try {
                parts.put("core." + part.name(), ok(Map.of("rows", part.erase(finalSubject))));
            } catch (RuntimeException e) {
                LOG.warnf("erasure %d: core part %s failed (%s)", erasureId, part.name(), e.getClass().getName());
                parts.put("core." + part.name(), failed(e));
            }
        }
        for (Hook hook : hooks()) {
            try {
                ContextLoader.run(hook.loader(), () -> hook.hook().erase(finalSubject, hook.services().data()));
                // the SDK's hook answers no counts: "deleted: {}" would read as "deleted nothing"
                parts.put("plugin." + hook.pluginId(), Map.of("status", "completed"));
            } catch (Exception | LinkageError e) {
                LOG.warnf("erasure %d: plugin %s failed (%s)", erasureId, hook.pluginId(), e.getClass().getName());
                parts.put("plugin." + hook.pluginId(), failed(e));
            }
        }
        boolean complete = parts.values().stream().allMatch(p -> "completed".equals(p.get("status")));
        String status = complete ? "completed" : "partial";
        Instant completedAt = complete ? Instant.now() : null;
        QuarkusTransaction.requiringNew().run(() -> {
            jdbc.update("""
                    update privacy_erasure set status = ?, parts = ?::jsonb, completed_at = ?,
                           subject = case when ? then null else subject end where id = ?""",
                    status, json(parts), completedAt, complete, erasureId);
            if (complete) {
                // earlier failed attempts for this subject are done now: drop the ids they kept for retrying
                jdbc.update("""
                        update privacy_erasure set subject = null, status = 'completed', completed_at = ?
                         where status = 'partial' and id in (select erasure_id from privacy_suppression
                                                              where id_hash = any(?))""",
                        completedAt, hashes(finalSubject, id));
            }
            audit.record(new AuditEvent(actor, "privacy.erase", "subject:" + hash,
                    complete ? AuditEvent.SUCCESS : AuditEvent.FAILURE, RequestIds.current(), null, null,
                    Map.of("erasure", erasureId, "status", status, "found", found.isPresent(), "parts", parts)));
        });
        return new ErasureReport(erasureId, hash, status, found.isPresent(), parts, requestedAt, completedAt);
    }

    /** Retries every erasure that failed part-way, with the ids it kept; returns the reports. */
    public List<ErasureReport> retryPending(Actor actor) {
        List<String> ids = jdbc.list("""
                select coalesce(subject -> 'userIds' ->> 0, subject -> 'anonymousIds' ->> 0) from privacy_erasure
                 where status in ('partial', 'pending') and subject is not null order by id""",
                rs -> rs.getString(1));
        List<ErasureReport> reports = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(ids)) {
            if (id != null) {
                reports.add(erase(id, actor));
            }
        }
        return reports;
    }

    private Map<String, Object> eraseCore(DataSubject subject, String requestedId, long erasureId)
            throws SQLException {
        Map<String, Object> deleted = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            // serialises with the profile updater: it never sees half an erasure, nor re-creates what is erased
            try (PreparedStatement lock = connection.prepareStatement(
                    "select 1 from profile_update_state where id = 1 for update")) {
                lock.executeQuery().close();
            }
            Set<String> allIds = new HashSet<>(subject.userIds());
            allIds.addAll(subject.anonymousIds());
            allIds.add(requestedId);
            for (String each : allIds) {
                suppression.add(connection, each, erasureId);
            }
            String[] users = subject.userIds().toArray(new String[0]);
            String[] anonymous = subject.anonymousIds().toArray(new String[0]);
            String[] every = allIds.toArray(new String[0]);
            Long[] profiles = subject.profileIds().toArray(new Long[0]);
            deleted.put("events", update(connection, """
                    delete from event e where e.user_id = any(?) or (e.user_id is null and e.anonymous_id = any(?))
                        or (e.type = 'alias' and e.previous_id = any(?))""", users, anonymous, every));
            deleted.put("features", update(connection,
                    "delete from profile_features where profile_id = any(?)", profiles));
            deleted.put("scores", update(connection, "delete from profile_score where profile_id = any(?)", profiles));
            deleted.put("traitHistory", update(connection,
                    "delete from profile_trait_history where profile_id = any(?)", profiles));
            deleted.put("consentHistory", update(connection,
                    "delete from profile_consent_history where profile_id = any(?)", profiles));
            deleted.put("merges", update(connection,
                    "delete from profile_merge where winner_id = any(?) or loser_id = any(?)", profiles, profiles));
            deleted.put("identities", update(connection,
                    "delete from profile_identity where profile_id = any(?) or value = any(?)", profiles, every));
            long tombstones = update(connection,
                    "delete from profile where id = any(?) and merged_into is not null", profiles);
            deleted.put("profiles", tombstones + update(connection, "delete from profile where id = any(?)", profiles));
        }
        return deleted;
    }

    /** Runs a statement whose parameters are all arrays ({@code Long[]} or {@code String[]}). */
    private static long update(Connection connection, String sql, Object[]... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object[] arg = args[i];
                statement.setArray(i + 1, arg instanceof Long[] longs ? connection.createArrayOf("bigint", longs)
                        : connection.createArrayOf("text", (String[]) arg));
            }
            return statement.executeUpdate();
        }
    }

    /** Adds what earlier, unfinished erasures of the same person found (their ids are gone from the core now). */
    private DataSubject withPending(DataSubject subject, String id) {
        List<String> stored = jdbc.list("""
                select e.subject::text from privacy_erasure e
                 where e.status in ('partial', 'pending') and e.subject is not null
                   and e.id in (select erasure_id from privacy_suppression where id_hash = ?)""",
                rs -> rs.getString(1), SubjectHash.of(id));
        if (stored.isEmpty()) {
            return subject;
        }
        Set<Long> profileIds = new HashSet<>(subject.profileIds());
        Set<String> users = new HashSet<>(subject.userIds());
        Set<String> anonymous = new HashSet<>(subject.anonymousIds());
        long profileId = subject.profileId();
        for (String json : stored) {
            try {
                JsonNode node = mapper.readTree(json);
                node.path("profileIds").forEach(n -> profileIds.add(n.asLong()));
                node.path("userIds").forEach(n -> users.add(n.asText()));
                node.path("anonymousIds").forEach(n -> anonymous.add(n.asText()));
                if (profileId == 0) {
                    profileId = node.path("profileId").asLong();
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable erasure subject", e);
            }
        }
        profileIds.remove(0L);
        return new DataSubject(profileId, profileIds, users, anonymous);
    }

    private static String[] hashes(DataSubject subject, String id) {
        Set<String> hashes = new HashSet<>();
        hashes.add(SubjectHash.of(id));
        subject.userIds().forEach(u -> hashes.add(SubjectHash.of(u)));
        subject.anonymousIds().forEach(a -> hashes.add(SubjectHash.of(a)));
        return hashes.toArray(new String[0]);
    }

    private ProfileEvents.Ids ids(DataSubject subject) {
        return new ProfileEvents.Ids(subject.profileId(), subject.userIds().toArray(new String[0]),
                subject.anonymousIds().toArray(new String[0]));
    }

    /** A plugin's privacy hook with what calling it needs. */
    private record Hook(String pluginId, PersonalData hook, PluginServices services, ClassLoader loader) {
    }

    /**
     * The hooks of every plugin that has an instance and services (active, disabled, or refused after its checks
     * passed): a disabled plugin's tables still hold its data.
     */
    private List<Hook> hooks() {
        List<Hook> hooks = new ArrayList<>();
        for (PluginEntry entry : plugins.entries()) {
            if (entry.plugin() == null || entry.info() == null) {
                continue;
            }
            PluginServices services;
            try {
                services = plugins.services(entry.id());
            } catch (RuntimeException e) {
                continue;
            }
            if (services == null) {
                continue;
            }
            try {
                Optional<PersonalData> hook = ContextLoader.call(entry.codeLoader(), entry.plugin()::personalData);
                hook.ifPresent(h -> hooks.add(new Hook(entry.id(), h, services, entry.codeLoader())));
            } catch (Exception | LinkageError e) {
                LOG.warnf("plugin %s: personalData() failed (%s)", entry.id(), e.getClass().getName());
            }
        }
        return hooks;
    }

    private static Map<String, Object> ok(Map<String, Object> deleted) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("status", "completed");
        part.put("deleted", deleted);
        return part;
    }

    /** The error's kind only: its message may quote personal data. */
    private static Map<String, Object> failed(Throwable e) {
        return Map.of("status", "failed", "error", e.getClass().getName());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.invalid("id", "a user id or anonymous id is required");
        }
        if (id.length() > 1000) {
            throw ApiException.invalid("id", "at most 1000 characters");
        }
        return id;
    }
}
