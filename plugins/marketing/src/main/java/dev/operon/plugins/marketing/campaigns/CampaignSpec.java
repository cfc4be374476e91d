package dev.operon.plugins.marketing.campaigns;

import java.time.Instant;
import java.util.List;

/** A validated {@link CampaignInput}, normalised (defaults filled in, durations in seconds). */
record CampaignSpec(String name, String channel, String segmentId, String audienceMode, String schedule,
                    Instant sendAt, String cron, String triggerEvent, long triggerDelaySeconds, String webhookUrl,
                    List<Variant> variants, double holdoutPercent, String allocation, String goalEvent,
                    long goalWindowSeconds, boolean autoWinner, String target) {
}
