package dev.operon.plugins.marketing.campaigns;

import dev.operon.plugins.marketing.audience.PendingSegments;
import dev.operon.plugins.marketing.audience.SegmentCheck;
import dev.operon.plugins.marketing.sending.MessageRenderer;
import dev.operon.sdk.data.PluginData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Drafts written by the plugin itself (the demo seeder), validated as the API validates them. */
public final class Drafts {

    private Drafts() {
    }

    /**
     * Creates a draft unless a campaign with that name exists.
     *
     * @param pendingSegmentName when {@code in} has no segment id: the name of the segment it is meant for, filled in
     *                           by {@link PendingSegments#resolve} once that segment has members
     * @return the new campaign's id, or empty when one with that name existed
     * @throws dev.operon.sdk.operation.OperationException (422) when the input is invalid
     */
    public static Optional<Long> create(PluginData data, CampaignInput in, String author,
                                        String pendingSegmentName) throws SQLException {
        CampaignSpec spec = new CampaignValidator(new MessageRenderer()).validate(in, pendingSegmentName != null, null,
                SegmentCheck.NONE);
        return data.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM marketing_campaign WHERE name = ?")) {
                ps.setString(1, spec.name());
                try (ResultSet r = ps.executeQuery()) {
                    if (r.next()) {
                        return Optional.<Long>empty();
                    }
                }
            }
            long id = CampaignStore.insert(c, spec, author);
            if (spec.segmentId() == null && pendingSegmentName != null) {
                PendingSegments.record(c, id, pendingSegmentName);
            }
            return Optional.of(id);
        });
    }
}
