package dev.operon.plugins.marketing.sending;

import dev.operon.plugins.marketing.MarketingConfig;
import dev.operon.plugins.marketing.QuietHours;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every message passes before it is sent, in this order: the profile exists, consent to marketing, not
 * unsubscribed (suppression list), still in the segment (live audiences), an address, outside the user's quiet hours
 * (else deferred to their end), and within the contact budget shared by every campaign and channel.
 */
public final class Guardrails {

    /** An advisory-lock class id for per-profile budget locks ("mkt"), with the profile id as the object id. */
    private static final int BUDGET_LOCK = 0x6d6b74;

    private final Campaign campaign;
    private final String emailTrait;
    private final Optional<QuietHours> quiet;
    private final String timezoneTrait;
    private final int budget;
    private final Instant now;

    public Guardrails(PluginScope s, Campaign campaign, Instant now) {
        this.campaign = campaign;
        this.emailTrait = s.config().require(MarketingConfig.EMAIL_TRAIT);
        this.quiet = MarketingConfig.quietHours(s.config());
        this.timezoneTrait = s.config().require(MarketingConfig.TIMEZONE_TRAIT);
        this.budget = s.config().getInt(MarketingConfig.CONTACT_BUDGET);
        this.now = now;
    }

    /** What to do with one message. */
    public record Decision(Kind kind, String reason, String recipient, Instant dueAt) {

        public enum Kind { SEND, DEFER, SKIP }

        static Decision skip(String reason) {
            return new Decision(Kind.SKIP, reason, null, null);
        }
    }

    /**
     * @param profile     the profile, or null when it no longer exists
     * @param suppressed  on the suppression list for this channel
     * @param member      still in the segment (always true for snapshot audiences)
     * @param contacts    messages counted against the budget in the window
     */
    public Decision check(Profile profile, boolean suppressed, boolean member, int contacts) {
        if (profile == null) {
            return Decision.skip("no profile");
        }
        if (!profile.consent().allows(Consent.MARKETING)) {
            return Decision.skip("consent");
        }
        if (suppressed) {
            return Decision.skip("unsubscribed");
        }
        if (!member) {
            return Decision.skip("left segment");
        }
        String recipient = switch (campaign.channel()) {
            case "email" -> emailOf(profile);
            case "webhook" -> campaign.webhookUrl();
            default -> "profile:" + profile.id();
        };
        if (recipient == null) {
            return Decision.skip("no address");
        }
        if (quiet.isPresent() && !"inapp".equals(campaign.channel())) {
            QuietHours q = quiet.get();
            var zone = q.zoneOf(profile.trait(timezoneTrait));
            if (q.isQuiet(now, zone)) {
                return new Decision(Decision.Kind.DEFER, "quiet hours", recipient, q.nextAllowed(now, zone));
            }
        }
        if (contacts >= budget) {
            return Decision.skip("budget");
        }
        return new Decision(Decision.Kind.SEND, null, recipient, null);
    }

    private String emailOf(Profile profile) {
        Object value = profile.trait(emailTrait);
        if (value instanceof String s && s.indexOf('@') > 0 && s.indexOf('@') < s.length() - 1 && !s.contains("\n")
                && !s.contains("\r")) {
            return s.trim();
        }
        return null;
    }

    /** Profiles on the suppression list for the campaign's channel or for every channel. */
    public Set<Long> suppressed(Connection c, Collection<Long> profiles) throws SQLException {
        Set<Long> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT profile_id FROM marketing_suppression"
                + " WHERE profile_id = ANY (?) AND channel IN (?, '*')")) {
            ps.setArray(1, c.createArrayOf("bigint", profiles.toArray()));
            ps.setString(2, campaign.channel());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(r.getLong(1));
                }
            }
        }
        return out;
    }

    /** Messages counted against each profile's budget since {@code since}, every campaign and channel. */
    public static Map<Long, Integer> contacts(Connection c, Collection<Long> profiles, Instant since)
            throws SQLException {
        Map<Long, Integer> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT profile_id, count(*) FROM marketing_send"
                + " WHERE profile_id = ANY (?) AND contact_at >= ? GROUP BY profile_id")) {
            ps.setArray(1, c.createArrayOf("bigint", profiles.toArray()));
            ps.setObject(2, since.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.put(r.getLong(1), r.getInt(2));
                }
            }
        }
        return out;
    }

    /**
     * Takes the budget locks of these profiles until the transaction ends, in id order (no deadlock between two
     * campaigns claiming overlapping audiences), so two campaigns never both spend a user's last slot.
     */
    public static void lockBudgets(Connection c, Collection<Long> profiles) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(" + BUDGET_LOCK
                + ", (p % 2147483647)::int) FROM (SELECT DISTINCT unnest(?::bigint[]) AS p ORDER BY 1) s")) {
            ps.setArray(1, c.createArrayOf("bigint", profiles.toArray()));
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    // each row is one lock taken
                }
            }
        }
    }
}
