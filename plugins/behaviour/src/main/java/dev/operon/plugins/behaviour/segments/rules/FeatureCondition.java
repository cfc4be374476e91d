package dev.operon.plugins.behaviour.segments.rules;

import dev.operon.sdk.profiles.ProfileFeatures;
import java.time.Instant;
import java.util.List;

/**
 * {@code {"feature": "sessions", "gte": 5}}: a comparison of one of the profile's computed features. Time-based
 * features ({@code recency_days}, {@code days_since_last_seen}, {@code days_since_first_seen}) are measured from now
 * in fractional days, so they grow between feature updates and the condition reports when it flips.
 */
record FeatureCondition(String feature, NumberTest test) implements Condition {

    static final List<String> NAMES = List.of("events", "sessions", "frequency", "monetary", "recency_days",
            "days_since_last_seen", "days_since_first_seen");

    @Override
    public boolean test(Facts facts) {
        ProfileFeatures f = facts.profile().features();
        return switch (feature) {
            case "events" -> test.test(f.events());
            case "sessions" -> test.test(f.sessions());
            case "frequency" -> test.test(f.frequency());
            case "monetary" -> test.test(f.monetary());
            case "recency_days" -> {
                if (f.recencyDays() == null || f.computedAt() == null) {
                    yield false;
                }
                long lastRevenue = f.computedAt().toEpochMilli()
                        - Math.round(f.recencyDays() * Facts.DAY_MILLIS);
                yield since(lastRevenue, facts);
            }
            case "days_since_last_seen" -> f.lastSeen() != null && since(millis(f.lastSeen()), facts);
            case "days_since_first_seen" -> f.firstSeen() != null && since(millis(f.firstSeen()), facts);
            default -> throw new IllegalStateException("unknown feature " + feature);
        };
    }

    private boolean since(long anchor, Facts facts) {
        test.reportCrossings(anchor, facts);
        return test.test((facts.now() - anchor) / (double) Facts.DAY_MILLIS);
    }

    private static long millis(Instant at) {
        return at.toEpochMilli();
    }
}
