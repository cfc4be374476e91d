package dev.operon.core.ingest;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.ServiceUnavailableException;
import dev.operon.core.api.TooManyRequestsException;
import dev.operon.core.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Checks the write key of a Tracking API call and applies the per-source rate limit. Keys are looked up by their
 * SHA-256; an answer is cached for a few seconds, so a source disabled on another node is refused within
 * {@link #CACHE_NANOS} (at once on the node that disabled it).
 */
@ApplicationScoped
public class WriteKeys {

    private static final Logger LOG = Logger.getLogger(WriteKeys.class);

    static final long CACHE_NANOS = 5_000_000_000L;
    private static final long TOUCH_NANOS = 60_000_000_000L;

    @Inject
    Jdbc jdbc;

    @Inject
    IngestConfig config;

    @Inject
    IngestMetrics metrics;

    /** The source a key belongs to. */
    public record Source(long id, String name) {
    }

    private record Cached(Source source, boolean disabled, long loadedAt) {
    }

    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
    private final Map<Long, Long> touchedAt = new ConcurrentHashMap<>();
    private final Map<Long, TokenBucket> buckets = new ConcurrentHashMap<>();

    /**
     * The write key of a request: the HTTP Basic user name (the password must be empty), else the body's
     * {@code writeKey}. Any other credential (an operator's password, a bearer API key) is refused: /v1 takes
     * write keys only.
     */
    static String presented(String authorization, String bodyKey) {
        if (authorization == null || authorization.isBlank()) {
            return bodyKey;
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Basic")) {
            throw unauthorized("the Tracking API takes a source's write key as the HTTP Basic user name");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(space + 1).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("the HTTP Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (!password.isEmpty()) {
            throw unauthorized("send the write key as the HTTP Basic user name with an empty password");
        }
        return user;
    }

    /** The enabled source of {@code key}, or 401. */
    public Source authenticate(String key) {
        if (key == null || key.isBlank()) {
            throw unauthorized("a write key is required: HTTP Basic with the key as user name, or 'writeKey'");
        }
        if (!key.startsWith(SourceService.KEY_PREFIX) || key.length() > 200) {
            throw unauthorized("unknown write key");
        }
        String hash = SourceService.hash(key);
        long now = System.nanoTime();
        Cached cached = byHash.get(hash);
        if (cached == null || now - cached.loadedAt() > CACHE_NANOS) {
            cached = loadOrUnavailable(hash, now).orElse(null);
            if (cached == null) {
                byHash.remove(hash);
                throw unauthorized("unknown write key");
            }
            byHash.put(hash, cached);
        }
        if (cached.disabled()) {
            throw unauthorized("source '" + cached.source().name() + "' is disabled");
        }
        touch(cached.source().id(), now);
        return cached.source();
    }

    /** Takes {@code events} tokens from the source's bucket, or 429 with Retry-After. */
    public void admit(Source source, int events) {
        int rate = config.sourceRateLimit();
        if (rate <= 0) {
            return;
        }
        TokenBucket bucket = buckets.computeIfAbsent(source.id(), id -> new TokenBucket(rate));
        long waitSeconds = bucket.take(events);
        if (waitSeconds > 0) {
            metrics.rejected("rate-limited", events);
            throw new TooManyRequestsException("source '" + source.name() + "' is over its rate limit of " + rate
                    + " events/s", waitSeconds);
        }
    }

    /** Drops the cached state of a source (after it was disabled here). */
    void forget(long sourceId) {
        byHash.values().removeIf(c -> c.source().id() == sourceId);
    }

    /** The lookup, or 503 with Retry-After while the database cannot be reached (not a 500: the caller may retry). */
    private Optional<Cached> loadOrUnavailable(String hash, long now) {
        try {
            return load(hash, now);
        } catch (Jdbc.DataAccessException e) {
            if (e.getCause() instanceof SQLException cause && EventWriter.isUnavailable(cause)) {
                metrics.rejected("unavailable", 1);
                throw new ServiceUnavailableException("the source store is unavailable; try again",
                        config.retryAfterSeconds());
            }
            throw e;
        }
    }

    private Optional<Cached> load(String hash, long now) {
        return jdbc.one("select id, name, disabled_at is not null from event_source where write_key_hash = ?",
                rs -> new Cached(new Source(rs.getLong(1), rs.getString(2)), rs.getBoolean(3), now), hash);
    }

    /** Notes the key's use at most once a minute per source and node (the SQL checks the age across nodes). */
    private void touch(long sourceId, long now) {
        Long last = touchedAt.get(sourceId);
        if (last != null && now - last < TOUCH_NANOS) {
            return;
        }
        touchedAt.put(sourceId, now);
        try {
            jdbc.update("update event_source set last_used_at = now() where id = ?"
                    + " and (last_used_at is null or last_used_at < now() - interval '1 minute')", sourceId);
        } catch (Jdbc.DataAccessException e) {
            // only a note of when the key was last used: the events' own write decides the answer
            touchedAt.remove(sourceId);
            LOG.debugf("could not note the use of source %d's key: %s", sourceId, e.getMessage());
        }
    }

    static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Unauthorized", detail, null);
    }

    /** Tokens refill at {@code rate} per second up to one second's worth. */
    static final class TokenBucket {
        private final int rate;
        private double tokens;
        private long refilledAt = System.nanoTime();

        TokenBucket(int rate) {
            this.rate = rate;
            this.tokens = rate;
        }

        /** Takes {@code count} tokens and returns 0, or returns the seconds to wait (taking nothing). */
        synchronized long take(int count) {
            long now = System.nanoTime();
            tokens = Math.min(rate, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
            if (tokens >= count || (count > rate && tokens >= rate)) {
                tokens -= count;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((count - tokens) / rate));
        }
    }
}
