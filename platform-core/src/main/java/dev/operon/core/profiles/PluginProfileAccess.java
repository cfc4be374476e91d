package dev.operon.core.profiles;

import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Hands each plugin its view of the profiles (SDK {@link Profiles}); scores it writes are stored under its id. */
@ApplicationScoped
public class PluginProfileAccess {

    public Profiles forPlugin(String pluginId) {
        // TODO(issue 4, profiles): replaced by the JDBC profile store
        return new Profiles() {
            @Override
            public Optional<Profile> get(long profileId) {
                throw new UnsupportedOperationException("profiles are not built yet");
            }

            @Override
            public Optional<Profile> resolve(String userIdOrAnonymousId) {
                throw new UnsupportedOperationException("profiles are not built yet");
            }

            @Override
            public void forEach(ProfileQuery query, Consumer<Profile> action) {
                throw new UnsupportedOperationException("profiles are not built yet");
            }

            @Override
            public long count(ProfileQuery query) {
                throw new UnsupportedOperationException("profiles are not built yet");
            }

            @Override
            public void putScores(long profileId, String name, Map<String, Object> values) {
                throw new UnsupportedOperationException("profiles are not built yet");
            }
        };
    }
}
