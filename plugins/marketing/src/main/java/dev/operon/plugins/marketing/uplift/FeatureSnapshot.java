package dev.operon.plugins.marketing.uplift;

import dev.operon.plugins.marketing.MarketingConfig;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.profiles.ProfileQuery;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The uplift features of the users a run plans, taken at planning ({@link ProfileRow}, as JSON objects of text
 * values) and stored with each message row ({@code marketing_send.features}), for the holdout as for the treated:
 * the moment of assignment, before anyone got anything. {@link UpliftTrainTask} learns from these, so activity after
 * the message (the goal itself included) never leaks into a training row. Only campaigns with a goal event are
 * snapshotted: without one there is no outcome to learn and nothing is read.
 */
public final class FeatureSnapshot {

    /** Above this many users the profiles are streamed once instead of read one by one. */
    private static final int STREAM_ABOVE = 2_000;

    private FeatureSnapshot() {
    }

    /** JSON features per profile id; empty for a campaign without a goal event. Users without a profile get none. */
    public static Map<Long, String> of(PluginScope s, Campaign k, Collection<Long> profileIds) {
        Map<Long, String> out = new HashMap<>();
        if (k.goalEvent() == null || profileIds.isEmpty()) {
            return out;
        }
        Set<String> excluded = Set.of(s.config().require(MarketingConfig.EMAIL_TRAIT));
        if (profileIds.size() > STREAM_ABOVE) {
            Set<Long> wanted = new HashSet<>(profileIds);
            s.profiles().forEach(ProfileQuery.all(), p -> {
                if (wanted.contains(p.id())) {
                    out.put(p.id(), json(ProfileRow.of(p, excluded)));
                }
            });
        } else {
            for (long id : profileIds) {
                s.profiles().get(id).ifPresent(p -> out.put(id, json(ProfileRow.of(p, excluded))));
            }
        }
        return out;
    }

    /** A flat JSON object of text values. */
    static String json(Map<String, String> row) {
        StringBuilder b = new StringBuilder(64 + row.size() * 24).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(b, e.getKey());
            b.append(':');
            quote(b, e.getValue() == null ? "" : e.getValue());
        }
        return b.append('}').toString();
    }

    private static void quote(StringBuilder b, String text) {
        b.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        b.append('"');
    }
}
