package dev.operon.sdk.privacy;

import java.util.Set;

/**
 * The end user a privacy request is about: their profile and every id they were known by.
 *
 * @param profileId    the profile id (and any ids of profiles merged into it)
 * @param profileIds   every profile id the user had, the current one included
 * @param userIds      every known user id
 * @param anonymousIds every anonymous id
 */
public record DataSubject(long profileId, Set<Long> profileIds, Set<String> userIds, Set<String> anonymousIds) {

    public DataSubject {
        profileIds = profileIds == null ? Set.of(profileId) : Set.copyOf(profileIds);
        userIds = userIds == null ? Set.of() : Set.copyOf(userIds);
        anonymousIds = anonymousIds == null ? Set.of() : Set.copyOf(anonymousIds);
    }

    /** True when the id is one of the subject's user or anonymous ids. */
    public boolean knownAs(String id) {
        return userIds.contains(id) || anonymousIds.contains(id);
    }
}
