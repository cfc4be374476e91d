package dev.operon.core.privacy;

import dev.operon.core.db.Jdbc;
import dev.operon.core.profiles.ProfileReader;
import dev.operon.sdk.privacy.DataSubject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds the end user a privacy request names: the profile of the id, with every id and profile id they had. */
@ApplicationScoped
public class DataSubjects {

    @Inject
    ProfileReader reader;

    @Inject
    Jdbc jdbc;

    /** The subject an id (user id or anonymous id) names, or empty when the core knows no profile for it. */
    public Optional<DataSubject> find(String id) {
        return reader.resolve(id).map(profileId -> of(profileId, id));
    }

    /**
     * The subject of a request the core knows nothing about (or no longer: erased): only the id itself, as both a
     * user id and an anonymous id (its kind is unknown), and no profile (profile id 0).
     */
    public static DataSubject unknown(String id) {
        return new DataSubject(0, Set.of(), Set.of(id), Set.of(id));
    }

    private DataSubject of(long profileId, String requested) {
        Set<Long> profileIds = new HashSet<>(jdbc.list("select id from profile where merged_into = ?",
                rs -> rs.getLong(1), profileId));
        profileIds.add(profileId);
        Set<String> users = new HashSet<>();
        Set<String> anonymous = new HashSet<>();
        List<String[]> ids = jdbc.list("select kind, value from profile_identity where profile_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, profileId);
        for (String[] identity : ids) {
            ("user".equals(identity[0]) ? users : anonymous).add(identity[1]);
        }
        if (!users.contains(requested) && !anonymous.contains(requested)) {
            anonymous.add(requested);
        }
        return new DataSubject(profileId, profileIds, users, anonymous);
    }
}
