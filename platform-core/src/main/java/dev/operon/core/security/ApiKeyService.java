package dev.operon.core.security;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** API keys: create (the secret is shown once), list, revoke, and check a presented key. */
@ApplicationScoped
public class ApiKeyService {

    @Inject
    AuditService audit;

    @Inject
    Validator validator;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SecurityConfig config;

    /** When this node last wrote each key's {@code last_used_at} (nanoTime), to skip writes within the interval. */
    private final Map<String, Long> lastTouched = new ConcurrentHashMap<>();

    @Transactional
    public List<ApiKeyView> list() {
        return ApiKey.<ApiKey>listAll(Sort.by("createdAt").and("id")).stream().map(ApiKeyView::of).toList();
    }

    @Transactional
    public ApiKeyView get(String keyId) {
        return ApiKeyView.of(find(keyId));
    }

    @Transactional
    public CreatedApiKey create(NewApiKey request, Actor actor, String requestId) {
        Inputs.valid(validator, request, "the API key");
        List<Scope> scopes = parseScopes(request.scopes());
        ApiKeyToken token = ApiKeyToken.generate();
        while (ApiKey.count("keyId", token.keyId()) > 0) {
            token = ApiKeyToken.generate();
        }
        ApiKey key = new ApiKey();
        key.name = request.name().strip();
        key.keyId = token.keyId();
        key.secretHash = token.secretHash();
        key.scopes = scopes.stream().map(Scope::wire).collect(Collectors.joining(","));
        key.createdBy = actor.toString();
        key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        key.persist();
        ApiKeyView view = ApiKeyView.of(key);
        audit.record(AuditEvent.success(actor, "api-key.create", target(key.keyId)).withRequestId(requestId)
                .withAfter(view.audited()));
        return new CreatedApiKey(view.keyId(), view.name(), view.scopes(), view.createdAt(), token.text());
    }

    /** Revokes the key; revoking a revoked key changes nothing. */
    @Transactional
    public ApiKeyView revoke(String keyId, Actor actor, String requestId) {
        ApiKey key = find(keyId);
        if (key.revokedAt != null) {
            return ApiKeyView.of(key);
        }
        ApiKeyView before = ApiKeyView.of(key);
        key.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApiKeyView after = ApiKeyView.of(key);
        audit.record(AuditEvent.success(actor, "api-key.revoke", target(keyId)).withRequestId(requestId)
                .withBefore(before.audited()).withAfter(after.audited()));
        return after;
    }

    /**
     * The identity of a presented key, or {@link AuthenticationFailedException} when it is malformed, unknown,
     * wrong or revoked. Blocking.
     */
    public SecurityIdentity authenticate(String presented) {
        ApiKeyToken token = ApiKeyToken.parse(presented).orElseThrow(AuthenticationFailedException::new);
        StoredKey stored = lookup(token.keyId()).orElseThrow(AuthenticationFailedException::new);
        byte[] expected = HexFormat.of().parseHex(stored.secretHash());
        if (!MessageDigest.isEqual(expected, Secrets.sha256(token.secret())) || stored.revoked()) {
            throw new AuthenticationFailedException();
        }
        touch(token.keyId());
        return Identities.apiKey(token.keyId(), stored.scopes());
    }

    private static ApiKey find(String keyId) {
        return ApiKey.<ApiKey>find("keyId", keyId).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("no API key with id '" + keyId + "'"));
    }

    static String target(String keyId) {
        return "api-key:" + keyId;
    }

    private static List<Scope> parseScopes(List<String> names) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase();
            Optional<Scope> scope = Scope.fromWire(name);
            if (scope.isPresent()) {
                scopes.add(scope.get());
            } else {
                errors.add(new Problem.FieldError("scopes[" + i + "]",
                        "unknown scope '" + names.get(i) + "'; use " + Scope.allowed()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return List.copyOf(scopes);
    }

    private record StoredKey(String secretHash, List<Scope> scopes, boolean revoked) {
    }

    private Optional<StoredKey> lookup(String keyId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select secret_hash, scopes, revoked_at is not null from api_key where key_id = ?")) {
            query.setString(1, keyId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredKey(rs.getString(1), Scope.listOf(rs.getString(2)), rs.getBoolean(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read API keys: " + e.getMessage(), e);
        }
    }

    /** Updates {@code last_used_at} at most once per interval per key, across nodes (the SQL checks the age too). */
    private void touch(String keyId) {
        long now = System.nanoTime();
        long interval = config.keyLastUsedInterval().toNanos();
        Long last = lastTouched.get(keyId);
        if (last != null && now - last < interval) {
            return;
        }
        lastTouched.put(keyId, now);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     update api_key set last_used_at = now()
                     where key_id = ? and (last_used_at is null or last_used_at < now() - make_interval(secs => ?))""")) {
            update.setString(1, keyId);
            update.setLong(2, config.keyLastUsedInterval().toSeconds());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot note an API key's use: " + e.getMessage(), e);
        }
    }
}
