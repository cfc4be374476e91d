package dev.operon.plugins.marketing.panels;

import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.sdk.operation.NoInput;
import dev.operon.sdk.operation.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Messages per hour over every campaign for the last 14 days, by outcome. */
public final class SendsOverTime {

    private SendsOverTime() {
    }

    public record Hour(Instant at, long sent, long failed, long bounced, long skipped) {
    }

    public static Operation<?, ?> operation() {
        return Operation.query("sends-over-time", "Messages per hour", NoInput.class, List.class, (context, in) -> {
            List<Hour> out = new ArrayList<>();
            try (Connection c = context.data().dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT date_trunc('hour', coalesce(sent_at, due_at)) h,"
                         + " count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'failed'),"
                         + " count(*) FILTER (WHERE status = 'bounced'), count(*) FILTER (WHERE status = 'skipped')"
                         + " FROM marketing_send WHERE coalesce(sent_at, due_at) >= now() - interval '14 days'"
                         + " AND status IN ('sent', 'failed', 'bounced', 'skipped') GROUP BY h ORDER BY h");
                 ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new Hour(CampaignStore.instant(r, 1), r.getLong(2), r.getLong(3), r.getLong(4),
                            r.getLong(5)));
                }
            }
            return out;
        });
    }
}
