package dev.operon.plugins.marketing.triggers;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.data.PluginData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code marketing.incident}: the channel an anomaly rule names as a target to start a campaign when an incident
 * opens. The recipient is the campaign id (a campaign with schedule {@code incident}); the anomaly plugin's message
 * carries the incident id and the transition in headers. An opening is stored once per campaign and incident (the
 * notification outbox may deliver it again after a crash); the campaign clock then plans one run to the campaign's
 * segment after its delay. Other transitions are acknowledged and ignored, so the anomaly plugin does not retry them.
 * Decoupled: neither plugin depends on the other; without the anomaly plugin nothing calls this channel.
 */
public final class IncidentTriggerChannel implements Channel {

    /** The channel id. */
    public static final String ID = "marketing.incident";
    /** Header with the incident id (the anomaly plugin's {@code Deliverer.INCIDENT_HEADER}). */
    public static final String INCIDENT_HEADER = "X-Operon-Incident";
    /** Header with the transition: {@code open}, {@code acknowledged} or {@code resolved}. */
    public static final String TRANSITION_HEADER = "X-Operon-Incident-Transition";

    private final Supplier<PluginData> data;

    /** @param data the plugin's tables, once the plugin is started */
    public IncidentTriggerChannel(Supplier<PluginData> data) {
        this.data = data;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Start an incident campaign (recipient: the campaign id)";
    }

    @Override
    public Delivery send(Message message) throws Exception {
        String incident = header(message, INCIDENT_HEADER).orElse(null);
        String transition = header(message, TRANSITION_HEADER).orElse(null);
        if (incident == null || transition == null) {
            return Delivery.rejected("not an incident notification: headers " + INCIDENT_HEADER + " and "
                    + TRANSITION_HEADER + " are missing");
        }
        if (!"open".equals(transition)) {
            return Delivery.ok("ignored: only openings start campaigns, this is " + transition);
        }
        long campaignId;
        try {
            campaignId = Long.parseLong(message.recipient().trim());
        } catch (NumberFormatException e) {
            return Delivery.rejected("the recipient must be a campaign id, found '" + message.recipient() + "'");
        }
        PluginData tables = data.get();
        if (tables == null) {
            throw new IllegalStateException("the marketing plugin is not started");
        }
        try (Connection c = tables.dataSource().getConnection()) {
            Optional<Campaign> found = CampaignStore.get(c, campaignId, false);
            if (found.isEmpty() || !"incident".equals(found.get().schedule())) {
                return Delivery.rejected("campaign " + campaignId + " is not a campaign with schedule 'incident'");
            }
            if (!found.get().active()) {
                return Delivery.ok("ignored: campaign " + campaignId + " is " + found.get().status());
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_incident (campaign_id, incident_id,"
                    + " subject) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setLong(1, campaignId);
                ps.setString(2, incident.trim());
                ps.setString(3, message.subject());
                boolean fresh = ps.executeUpdate() == 1;
                return Delivery.ok((fresh ? "campaign " : "already known: campaign ") + campaignId
                        + " runs for incident " + incident.trim());
            }
        }
    }

    private static Optional<String> header(Message message, String name) {
        return message.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(java.util.Map.Entry::getValue).filter(v -> v != null && !v.isBlank()).findFirst();
    }
}
