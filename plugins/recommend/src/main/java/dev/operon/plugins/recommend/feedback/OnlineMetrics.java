package dev.operon.plugins.recommend.feedback;

import dev.operon.sdk.data.PluginData;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Online metrics per day, model and variant ({@code recommend_online_metric}). */
public final class OnlineMetrics {

    /**
     * One day of one model and variant.
     *
     * @param served      lists served
     * @param impressions impression events (lists shown)
     * @param clicks      click events
     * @param ctr         clicks per impression, 0 without impressions
     * @param coverage    distinct items served over the items that could be (available catalogue items; without a
     *                    catalogue, the items seen in served lists and popular lists)
     * @param novelty     mean self-information {@code -log2 p(item)} of the items served, p from the popular list of
     *                    everybody (items absent from it count as half as popular as its least popular)
     */
    public record Row(LocalDate day, String model, String variant, long served, long impressions, long clicks,
                      double ctr, double coverage, double novelty) {
    }

    private final PluginData data;

    public OnlineMetrics(PluginData data) {
        this.data = data;
    }

    /** Replaces the rows of the days from {@code from} on with {@code rows}, in one transaction. */
    public void replaceFrom(LocalDate from, Collection<Row> rows, Instant at) throws SQLException {
        data.inTransactionWithoutResult(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM recommend_online_metric WHERE day >= ?")) {
                s.setDate(1, Date.valueOf(from));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO recommend_online_metric (day, model,"
                    + " variant, served, impressions, clicks, coverage, novelty, computed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Row r : rows) {
                    s.setDate(1, Date.valueOf(r.day()));
                    s.setString(2, r.model());
                    s.setString(3, r.variant());
                    s.setLong(4, r.served());
                    s.setLong(5, r.impressions());
                    s.setLong(6, r.clicks());
                    s.setDouble(7, r.coverage());
                    s.setDouble(8, r.novelty());
                    s.setTimestamp(9, Timestamp.from(at));
                    s.addBatch();
                }
                s.executeBatch();
            }
        });
    }

    /** The rows of the days from {@code from} on, oldest first. */
    public List<Row> since(LocalDate from) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Connection c = data.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT day, model, variant, served, impressions, clicks,"
                     + " coverage, novelty FROM recommend_online_metric WHERE day >= ? ORDER BY day, model, variant")) {
            s.setDate(1, Date.valueOf(from));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long impressions = r.getLong(5);
                    long clicks = r.getLong(6);
                    out.add(new Row(r.getDate(1).toLocalDate(), r.getString(2), r.getString(3), r.getLong(4),
                            impressions, clicks, impressions == 0 ? 0 : (double) clicks / impressions,
                            r.getDouble(7), r.getDouble(8)));
                }
            }
        }
        return out;
    }
}
