package dev.operon.core.profiles;

import dev.operon.sdk.profiles.Consent;
import java.util.LinkedHashSet;
import java.util.Set;

/** How consent is decided: the user's explicit choice for a purpose, else the configured default, else no. */
final class ConsentRule {

    private ConsentRule() {
    }

    /** The purposes the platform knows: the SDK's three and any with a configured default. */
    static Set<String> purposes(ProfilesConfig config) {
        Set<String> purposes = new LinkedHashSet<>(Set.of(Consent.ANALYTICS, Consent.PERSONALIZATION,
                Consent.MARKETING));
        purposes.addAll(config.consentDefault().keySet());
        return purposes;
    }

    /** A SQL condition over profile alias {@code p}, with two parameters: the purpose and its default. */
    static String sql(String alias) {
        return "coalesce((" + alias + ".consent ->> ?)::boolean, ?)";
    }
}
