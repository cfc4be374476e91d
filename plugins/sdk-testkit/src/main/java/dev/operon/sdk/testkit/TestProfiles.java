package dev.operon.sdk.testkit;

import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The kit's profiles: those the test adds, with the scores the plugin writes. Thread-safe.
 */
public final class TestProfiles implements Profiles {

    /** Consent that allows every purpose the platform defines. */
    public static final Consent ALLOW_ALL = new Consent(Map.of(Consent.ANALYTICS, true,
            Consent.PERSONALIZATION, true, Consent.MARKETING, true));

    private final String pluginId;
    private final TreeMap<Long, Profile> profiles = new TreeMap<>();

    TestProfiles(String pluginId) {
        this.pluginId = pluginId;
    }

    /** Adds or replaces a profile. */
    public synchronized Profile put(Profile profile) {
        profiles.put(profile.id(), profile);
        return profile;
    }

    /** Adds a profile with a user id, traits and features, allowing every purpose. */
    public Profile add(long id, String userId, Map<String, Object> traits, ProfileFeatures features) {
        Instant now = Instant.now();
        return put(new Profile(id, userId, List.of(), traits, features, ALLOW_ALL, Map.of(), now, now));
    }

    @Override
    public synchronized Optional<Profile> get(long profileId) {
        return Optional.ofNullable(profiles.get(profileId));
    }

    @Override
    public synchronized Optional<Profile> resolve(String id) {
        return profiles.values().stream()
                .filter(p -> id.equals(p.userId()) || p.anonymousIds().contains(id)).findFirst();
    }

    @Override
    public void forEach(ProfileQuery query, Consumer<Profile> action) {
        matching(query).forEach(action);
    }

    @Override
    public long count(ProfileQuery query) {
        return matching(query).size();
    }

    @Override
    public synchronized void putScores(long profileId, String name, Map<String, Object> values) {
        Profile p = profiles.get(profileId);
        if (p == null) {
            throw new IllegalArgumentException("no profile " + profileId);
        }
        Map<String, Map<String, Object>> scores = new HashMap<>(p.scores());
        scores.put(pluginId + "." + name, Map.copyOf(values));
        profiles.put(profileId, new Profile(p.id(), p.userId(), p.anonymousIds(), p.traits(), p.features(),
                p.consent(), scores, p.createdAt(), Instant.now()));
    }

    /** The scores the plugin stored under {@code name} for a profile, or null. */
    public synchronized Map<String, Object> scores(long profileId, String name) {
        Profile p = profiles.get(profileId);
        return p == null ? null : p.scores().get(pluginId + "." + name);
    }

    private synchronized List<Profile> matching(ProfileQuery q) {
        return profiles.tailMap(q.afterId(), false).values().stream()
                .filter(p -> q.updatedSince() == null || !p.updatedAt().isBefore(q.updatedSince()))
                .filter(p -> q.purpose() == null || p.consent().allows(q.purpose()))
                .limit(q.limit() == 0 ? Long.MAX_VALUE : q.limit())
                .toList();
    }
}
