package dev.operon.sdk.profiles;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One end user as the platform knows them, merged across their anonymous and known ids.
 *
 * @param id           the profile id (stable unless the profile is merged into another one)
 * @param userId       the known user id, null for an anonymous visitor
 * @param anonymousIds every anonymous id joined to this profile
 * @param traits       current traits (latest value wins)
 * @param features     computed features
 * @param consent      what the user allowed
 * @param scores       values plugins wrote with {@link Profiles#putScores}, by {@code <plugin-id>.<name>}
 * @param createdAt    when the profile was created
 * @param updatedAt    when its traits, features, consent or scores last changed
 */
public record Profile(long id, String userId, List<String> anonymousIds, Map<String, Object> traits,
                      ProfileFeatures features, Consent consent, Map<String, Map<String, Object>> scores,
                      Instant createdAt, Instant updatedAt) {

    public Profile {
        anonymousIds = anonymousIds == null ? List.of() : List.copyOf(anonymousIds);
        traits = traits == null ? Map.of() : traits;
        features = Objects.requireNonNullElseGet(features, () -> ProfileFeatures.none(updatedAt));
        consent = consent == null ? new Consent(Map.of()) : consent;
        scores = scores == null ? Map.of() : scores;
    }

    /** A trait value, or null. */
    public Object trait(String name) {
        return traits.get(name);
    }
}
