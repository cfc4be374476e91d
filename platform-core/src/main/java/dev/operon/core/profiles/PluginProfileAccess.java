package dev.operon.core.profiles;

import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Hands each plugin its view of the profiles (SDK {@link Profiles}); scores it writes are stored under its id. */
@ApplicationScoped
public class PluginProfileAccess {

    @Inject
    ProfileReader reader;

    @Inject
    ProfileScores scores;

    public Profiles forPlugin(String pluginId) {
        return new Profiles() {
            @Override
            public Optional<Profile> get(long profileId) {
                return reader.get(profileId);
            }

            @Override
            public Optional<Profile> resolve(String userIdOrAnonymousId) {
                return reader.resolve(userIdOrAnonymousId).flatMap(reader::get);
            }

            @Override
            public void forEach(ProfileQuery query, Consumer<Profile> action) {
                reader.forEach(Objects.requireNonNull(query, "query"), action);
            }

            @Override
            public long count(ProfileQuery query) {
                return reader.count(Objects.requireNonNull(query, "query"));
            }

            @Override
            public void putScores(long profileId, String name, Map<String, Object> values) {
                scores.put(pluginId, profileId, name, values);
            }
        };
    }
}
