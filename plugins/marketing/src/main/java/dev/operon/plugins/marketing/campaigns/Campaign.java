package dev.operon.plugins.marketing.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A campaign as stored.
 *
 * @param status            draft, approved, scheduled, completed or killed
 * @param channel           email, webhook or inapp
 * @param segmentId         the behaviour segment whose members are the audience; null for "whoever triggers"
 * @param audienceMode      snapshot (members when the run is planned) or live (also still members when sent)
 * @param schedule          once, cron or trigger
 * @param holdoutPercent    share of the audience kept as a control group that gets nothing (0 to 50)
 * @param allocation        fixed (variant weights) or thompson (Thompson sampling on the goal's conversions)
 * @param goalWindowSeconds how long after the message (or the holdout assignment) a goal event counts
 * @param winner            the variant every later message uses, once an automatic winner was picked
 * @param target            all, or positive-uplift (only users with a predicted uplift above 0 are planned)
 */
public record Campaign(long id, String name, String status, String channel, String segmentId, String audienceMode,
                      String schedule, Instant sendAt, String cron, String triggerEvent, long triggerDelaySeconds,
                      String webhookUrl, double holdoutPercent, String allocation, String goalEvent,
                      long goalWindowSeconds, boolean autoWinner, String winner, String createdBy, Instant createdAt,
                      String approvedBy, Instant approvedAt, Instant nextRunAt, long triggerCursor, String killedBy,
                      Instant killedAt, List<Variant> variants, String target) {

    /** The target that keeps only users with a predicted uplift above 0. */
    public static final String POSITIVE_UPLIFT = "positive-uplift";

    /** Whether the audience is narrowed to users the uplift model predicts to be persuadable. */
    public boolean upliftTargeted() {
        return POSITIVE_UPLIFT.equals(target);
    }

    public boolean live() {
        return "live".equals(audienceMode);
    }

    public boolean active() {
        return "scheduled".equals(status);
    }

    public Optional<Variant> variant(String variantName) {
        return variants.stream().filter(v -> v.name().equals(variantName)).findFirst();
    }
}
