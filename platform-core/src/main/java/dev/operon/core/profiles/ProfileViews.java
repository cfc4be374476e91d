package dev.operon.core.profiles;

import dev.operon.sdk.profiles.ProfileFeatures;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the profiles API returns. */
public final class ProfileViews {

    private ProfileViews() {
    }

    /** One profile in a search result. */
    public record Summary(long id, String userId, List<String> anonymousIds, Map<String, Object> traits,
                          Instant lastSeen, Instant updatedAt) {
    }

    /**
     * A page of a search, in id order.
     *
     * @param next the {@code after} value of the next page, null on the last one
     */
    public record SummaryPage(List<Summary> items, Long next) {
    }

    /** An id a profile is known by. */
    public record Identity(String kind, String value, Long firstEventId, Instant since) {
    }

    /** A merge the profile took part in. */
    public record Merge(long loserId, long winnerId, String reason, Long eventId, Instant mergedAt) {
    }

    /**
     * Everything about one profile.
     *
     * @param consent         effective consent per purpose (defaults applied)
     * @param explicitConsent only the choices the user (or an operator) made
     * @param mergedIds       ids of profiles merged into this one (they resolve here)
     */
    public record Detail(long id, String userId, List<Identity> identities, List<Long> mergedIds,
                         Map<String, Object> traits, ProfileFeatures features, Map<String, Boolean> consent,
                         Map<String, Object> explicitConsent, Map<String, Map<String, Object>> scores,
                         List<Merge> merges, Instant createdAt, Instant updatedAt) {
    }

    /** One event of a timeline. */
    public record TimelineEvent(long id, String messageId, String type, String name, String userId,
                                String anonymousId, Instant timestamp, Instant receivedAt,
                                Map<String, Object> properties, Map<String, Object> traits, String plugin) {
    }

    /**
     * A page of a timeline, newest first.
     *
     * @param next the {@code before} value of the next (older) page, null on the last one
     */
    public record Timeline(List<TimelineEvent> items, String next) {
    }

    /** One trait assignment: applied when it became the current value (a stale, older one is kept unapplied). */
    public record TraitChange(long id, String trait, Object oldValue, Object newValue, boolean applied, String source,
                              Long eventId, Instant eventTime, Instant recordedAt) {
    }

    /** A page of trait history, newest first; {@code next} is the {@code before} value of the next page. */
    public record TraitHistory(List<TraitChange> items, Long next) {
    }

    /** One consent change. */
    public record ConsentChange(long id, String purpose, Boolean oldValue, Boolean newValue, boolean applied,
                                String source, Long eventId, Instant eventTime, Instant recordedAt) {
    }
}
