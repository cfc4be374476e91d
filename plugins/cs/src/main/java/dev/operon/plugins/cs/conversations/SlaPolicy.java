package dev.operon.plugins.cs.conversations;

import dev.operon.plugins.cs.CsConfig;
import dev.operon.sdk.config.PluginConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * The SLA a conversation is held to: times allowed to the first answer and to resolution, tighter for urgent
 * messages. Read from the configuration when the conversation opens (and when it becomes urgent).
 */
public record SlaPolicy(String name, Duration firstResponse, Duration resolution) {

    public static SlaPolicy of(PluginConfig config, boolean urgent) {
        return urgent
                ? new SlaPolicy("urgent", config.getDuration(CsConfig.URGENT_FIRST_RESPONSE_TIME),
                        config.getDuration(CsConfig.URGENT_RESOLUTION_TIME))
                : new SlaPolicy("standard", config.getDuration(CsConfig.FIRST_RESPONSE_TIME),
                        config.getDuration(CsConfig.RESOLUTION_TIME));
    }

    public Instant firstResponseDue(Instant openedAt) {
        return openedAt.plus(firstResponse);
    }

    public Instant resolutionDue(Instant openedAt) {
        return openedAt.plus(resolution);
    }
}
