package dev.operon.sdk.profiles;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The platform's end-user profiles: read them, and attach a plugin's scores to them. */
public interface Profiles {

    /** The profile with this id; a merged profile's old id resolves to the profile it was merged into. */
    Optional<Profile> get(long profileId);

    /** The profile a user id or an anonymous id belongs to. */
    Optional<Profile> resolve(String userIdOrAnonymousId);

    /** Streams the matching profiles in id order. */
    void forEach(ProfileQuery query, Consumer<Profile> action);

    /** How many profiles match. */
    long count(ProfileQuery query);

    /**
     * Stores values computed by the calling plugin (a churn score and its top features, a persona) on the profile,
     * under {@code <plugin-id>.<name>}, replacing what was stored under that name before.
     *
     * @throws IllegalArgumentException when no such profile exists
     */
    void putScores(long profileId, String name, Map<String, Object> values);
}
