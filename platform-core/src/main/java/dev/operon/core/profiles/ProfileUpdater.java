package dev.operon.core.profiles;

import dev.operon.core.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Keeps profiles up to date: identity steps over the new events (see {@link IdentityPass}), then the features of
 * every profile those events, merges or sliding windows touched. Used by the {@code core.profiles-update} task, the
 * API and the CLI. A full update rewinds the cursor (every step is idempotent) and recomputes every profile.
 */
@ApplicationScoped
public class ProfileUpdater {

    private static final Logger LOG = Logger.getLogger(ProfileUpdater.class);

    @Inject
    IdentityPass identity;

    @Inject
    FeatureCalculator features;

    @Inject
    ProfilesConfig config;

    @Inject
    Jdbc jdbc;

    /**
     * What an update did.
     *
     * @param events           events read (new, and late ones below the cursor)
     * @param suppressed       events deleted because they named an erased user
     * @param profilesCreated  new profiles
     * @param merges           profiles merged into others
     * @param windowsChanged   profiles recomputed only because an event left one of their windows
     * @param featuresComputed profiles whose features were computed
     * @param fullPass         whether every profile was recomputed in one pass
     * @param millis           how long it took
     * @param identityMillis   of which the identity steps (ids, merges, traits, consent)
     * @param featuresMillis   of which the feature computation
     */
    public record Result(long events, long suppressed, long profilesCreated, long merges, long windowsChanged,
                         long featuresComputed, boolean fullPass, long millis, long identityMillis,
                         long featuresMillis) {
    }

    /**
     * Runs an update. {@code progress} receives messages; {@code cancelled} is checked between steps (the work done
     * so far stays).
     */
    public Result update(boolean full, Consumer<String> progress, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        if (full) {
            identity.rewind();
        }
        Set<Long> dirty = new HashSet<>();
        long events = 0;
        long suppressed = 0;
        long created = 0;
        long merges = 0;
        IdentityPass.Step step;
        do {
            step = identity.step(config.batchSize());
            events += step.events();
            suppressed += step.suppressed();
            created += step.created();
            merges += step.merges();
            dirty.removeAll(step.gone());
            dirty.addAll(step.dirty());
            if (step.events() > 0) {
                progress.accept(events + " events read, " + dirty.size() + " profiles to update");
            }
            if (cancelled.getAsBoolean()) {
                break;
            }
        } while (step.more());
        long identityDone = System.nanoTime();
        Instant now = Instant.now();
        // a list, since the value may be null (never refreshed)
        Instant windowsAt = jdbc.list("select windows_at from profile_update_state where id = 1",
                rs -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).get(0);
        long live = jdbc.count("select count(*) from profile where merged_into is null");
        boolean fullPass = full || windowsAt == null;
        long windows = 0;
        if (!fullPass) {
            Set<Long> sliding = features.windowsChanged(windowsAt, now);
            sliding.removeAll(dirty);
            windows = sliding.size();
            dirty.addAll(sliding);
            fullPass = live > 0 && dirty.size() > config.fullPassShare() * live;
        }
        long computed;
        if (fullPass) {
            progress.accept("computing the features of every profile");
            computed = features.recomputeAll(now);
        } else {
            progress.accept("computing the features of " + dirty.size() + " profiles");
            computed = features.recompute(dirty, now);
        }
        jdbc.update("update profile_update_state set windows_at = ? where id = 1", now);
        long ended = System.nanoTime();
        Result result = new Result(events, suppressed, created, merges, windows, computed, fullPass,
                Duration.ofNanos(ended - started).toMillis(), Duration.ofNanos(identityDone - started).toMillis(),
                Duration.ofNanos(ended - identityDone).toMillis());
        LOG.debugf("profiles updated: %s", result);
        return result;
    }

    /** Recomputes the features of one profile from the events resolved now (no identity step). */
    public void updateOne(long profileId) {
        features.recompute(Set.of(profileId), Instant.now());
    }
}
