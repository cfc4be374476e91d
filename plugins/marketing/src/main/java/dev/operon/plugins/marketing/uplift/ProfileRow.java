package dev.operon.plugins.marketing.uplift;

import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileFeatures;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A profile as uplift features: every trait ({@code trait.<name>}, except the excluded ones such as the e-mail
 * address, and lists or maps) and the platform's activity features. The encoder then decides, as the offline command
 * does, which are numeric and which categorical.
 */
public final class ProfileRow {

    private ProfileRow() {
    }

    public static Map<String, String> of(Profile p, Set<String> excludedTraits) {
        Map<String, String> row = new LinkedHashMap<>();
        p.traits().forEach((name, value) -> {
            if (value != null && !excludedTraits.contains(name) && !(value instanceof Collection<?>)
                    && !(value instanceof Map<?, ?>)) {
                row.put("trait." + name, value.toString());
            }
        });
        ProfileFeatures f = p.features();
        row.put("events", Long.toString(f.events()));
        row.put("sessions", Long.toString(f.sessions()));
        row.put("frequency", Long.toString(f.frequency()));
        row.put("monetary", Double.toString(f.monetary()));
        row.put("recency_days", f.recencyDays() == null ? "" : Double.toString(f.recencyDays()));
        return row;
    }
}
