package dev.operon.core.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.api.RequestIds;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.sdk.profiles.Consent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consent choices set by an operator (on the user's request): each purpose true, false, or null to go back to the
 * configured default. Recorded as of now, so a later {@code identify} with a consent context wins over it; audited
 * with before and after.
 */
@ApplicationScoped
public class ConsentService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    ProfilesConfig config;

    @Inject
    ProfileReader reader;

    @Inject
    AuditService audit;

    @Transactional
    public Consent set(long profileId, Map<String, Boolean> choices, Actor actor) {
        Set<String> known = ConsentRule.purposes(config);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String purpose : choices.keySet()) {
            if (!known.contains(purpose)) {
                errors.add(new Problem.FieldError(purpose, "unknown purpose; known: " + String.join(", ", known)));
            }
        }
        if (choices.isEmpty()) {
            errors.add(new Problem.FieldError("body", "name at least one purpose"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        long live = reader.live(profileId).orElseThrow(() -> ApiException.notFound("no profile " + profileId));
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            ObjectNode consent;
            ObjectNode times;
            try (PreparedStatement select = connection.prepareStatement(
                    "select consent, consent_times from profile where id = ? for update")) {
                select.setLong(1, live);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    consent = (ObjectNode) mapper.readTree(rs.getString(1));
                    times = (ObjectNode) mapper.readTree(rs.getString(2));
                }
            }
            Map<String, Object> before = new LinkedHashMap<>(reader.consent(consent.toString()).purposes());
            try (PreparedStatement history = connection.prepareStatement("""
                    insert into profile_consent_history (profile_id, purpose, old_value, new_value, applied, source,
                           recorded_at) values (?, ?, ?, ?, true, ?, ?)""")) {
                for (Map.Entry<String, Boolean> choice : choices.entrySet()) {
                    JsonNode old = consent.get(choice.getKey());
                    if (choice.getValue() == null) {
                        consent.remove(choice.getKey());
                        times.remove(choice.getKey());
                    } else {
                        consent.put(choice.getKey(), choice.getValue());
                        times.set(choice.getKey(), new Stamp(now, 0).json());
                    }
                    history.setLong(1, live);
                    history.setString(2, choice.getKey());
                    history.setObject(3, old == null ? null : old.asBoolean());
                    history.setObject(4, choice.getValue());
                    history.setString(5, "api:" + actor);
                    Sql.setTime(history, 6, now);
                    history.addBatch();
                }
                history.executeBatch();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update profile set consent = ?::jsonb, consent_times = ?::jsonb, updated_at = ? where id = ?")) {
                update.setString(1, consent.toString());
                update.setString(2, times.toString());
                Sql.setTime(update, 3, now);
                update.setLong(4, live);
                update.executeUpdate();
            }
            Consent after = reader.consent(consent.toString());
            audit.record(new AuditEvent(actor, "profile.consent", "profile:" + live, AuditEvent.SUCCESS,
                    RequestIds.current(), before, after.purposes(), Map.of("changed", choices.keySet())));
            return after;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
