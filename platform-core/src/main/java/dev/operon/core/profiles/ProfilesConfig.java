package dev.operon.core.profiles;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** {@code operon.core.profiles.*}: identity, features and consent settings (docs/profiles.md). */
@ConfigMapping(prefix = "operon.core.profiles")
public interface ProfilesConfig {

    /**
     * Consent of a purpose the user never chose: {@code consent-default.marketing=false}. Purposes without a default
     * here are not allowed.
     */
    Map<String, Boolean> consentDefault();

    /** A gap this long or longer between two events of a profile starts a new session. */
    @WithDefault("30m")
    Duration sessionGap();

    /** The event property holding an amount of money (frequency and monetary features). */
    @WithDefault("revenue")
    String revenueProperty();

    /** Events read per batch by the updater. */
    @WithDefault("10000")
    int batchSize();

    /**
     * How far below its cursor the updater re-reads ids, because ids from concurrent writers can commit out of
     * order (sequence caches, slow transactions).
     */
    @WithDefault("20000")
    int overlapIds();

    /** Above this share of all profiles, a feature update recomputes everybody in one pass (cheaper than many). */
    @WithDefault("0.2")
    double fullPassShare();

    /**
     * The schedule of the {@code profiles-update} task registered on the first start (seconds between runs);
     * 0 registers none.
     */
    @WithDefault("300")
    long updateEverySeconds();

    /** Whether the first start registers the scheduled {@code profiles-update} task definition. */
    @WithDefault("true")
    boolean registerDefaultTask();

    /** The consent of {@code purpose} for a user who never chose: the configured default, else false. */
    default boolean defaultConsent(String purpose) {
        return Boolean.TRUE.equals(consentDefault().get(purpose));
    }
}
