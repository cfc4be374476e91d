package dev.operon.plugins.anomaly.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;

/**
 * Monthly partitions of {@code anomaly_point} ({@code anomaly_point_y2026m11}), created before points of a month are
 * written. There is no default partition: a point can only land in its month's partition, so old months can be
 * dropped whole by a retention policy.
 */
public final class Partitions {

    private Partitions() {
    }

    /** Creates the partitions of the months of {@code times} that do not exist yet. */
    public static void ensure(Connection c, Iterable<Instant> times) throws SQLException {
        Set<YearMonth> months = new TreeSet<>();
        for (Instant t : times) {
            months.add(YearMonth.from(t.atOffset(ZoneOffset.UTC)));
        }
        for (YearMonth month : months) {
            ensure(c, month);
        }
    }

    /** Creates the partition of {@code month} unless it exists. */
    public static void ensure(Connection c, YearMonth month) throws SQLException {
        String table = String.format("anomaly_point_y%04dm%02d", month.getYear(), month.getMonthValue());
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
            // serialises concurrent creators of the same partition across the cluster, until commit
            st.execute("SELECT pg_advisory_xact_lock(hashtext('" + table + "'))");
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " PARTITION OF anomaly_point FOR VALUES FROM ('"
                    + month.atDay(1) + " 00:00:00+00') TO ('" + month.plusMonths(1).atDay(1) + " 00:00:00+00')");
        }
    }
}
