package dev.operon.plugins.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.anomaly.metrics.PushPoints;
import dev.operon.plugins.anomaly.metrics.SeriesOperations.ChartRow;
import dev.operon.plugins.anomaly.metrics.SeriesOperations.SeriesRow;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.testkit.AuditRecord;
import dev.operon.sdk.testkit.InvalidInputException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void pointsAreStoredPerSeriesOfNameAndLabelsInMonthlyPartitionsAndAuditedAsOneBatch() throws Exception {
        try (World w = new World()) {
            List<Map<String, Object>> points = List.of(
                    Map.of("timestamp", "2026-02-28T23:59:00Z", "value", 1.5),
                    Map.of("timestamp", "2026-03-01T00:00:00Z", "value", 2.5),
                    Map.of("timestamp", "2026-03-01T00:01:00Z", "value", 3, "labels", Map.of("host", "b")),
                    Map.of("timestamp", "2026-03-01T00:00:00Z", "value", 9.0));
            PushPoints.Result result = w.kit.call("push-points", Map.of("name", "cpu.load",
                    "labels", Map.of("host", "a", "dc", "eu"), "points", points));
            assertEquals(4, result.received());
            assertEquals(3, result.accepted());
            assertEquals(1, result.duplicates(), "the second point at 00:00 of host a is a duplicate");
            assertEquals(2, result.series().size());

            List<SeriesRow> series = w.kit.call("list-series", Map.of());
            assertEquals(List.of("dc=eu,host=a", "dc=eu,host=b"), series.stream().map(SeriesRow::labels).toList());
            assertEquals(List.of(2L, 1L), series.stream().map(SeriesRow::points).toList());
            List<ChartRow> chart = w.kit.call("series-chart", Map.of("seriesId", series.get(0).id()));
            assertEquals(List.of(1.5, 2.5), chart.stream().map(ChartRow::value).toList(), "first value kept");

            try (Connection c = w.kit.data().dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT tableoid::regclass::text, count(*)"
                         + " FROM anomaly_point GROUP BY 1 ORDER BY 1")) {
                List<String> partitions = new ArrayList<>();
                while (rs.next()) {
                    partitions.add(rs.getString(1) + "=" + rs.getLong(2));
                }
                assertEquals(List.of("anomaly_point_y2026m02=1", "anomaly_point_y2026m03=2"), partitions);
            }
            List<AuditRecord> audits = w.kit.auditLog();
            assertEquals(1, audits.size());
            assertEquals(3, ((Map<?, ?>) audits.get(0).after()).get("accepted"));
        }
    }

    @Test
    void aBadPointRefusesTheWholeBatchNamingEachProblemAndStoresNothing() throws Exception {
        try (World w = new World()) {
            w.kit.call("push-points", Map.of("name", "orders", "points",
                    List.of(Map.of("timestamp", "2026-03-01T00:00:00Z", "value", 7))));
            List<Map<String, Object>> points = List.of(
                    Map.of("timestamp", "2026-03-01T00:01:00Z", "value", 1),
                    Map.of("timestamp", "2099-01-01T00:00:00Z", "value", 2),
                    Map.of("timestamp", "2026-03-01T00:02:00Z", "value", 3, "labels", Map.of("bad key", "x")));
            OperationException e = assertThrows(OperationException.class, () -> w.kit.call("push-points",
                    Map.of("name", "orders", "points", points)));
            assertEquals(422, e.status());
            assertEquals(List.of("points[1].timestamp", "points[2].labels"),
                    e.errors().stream().map(OperationException.FieldError::field).toList());

            assertEquals(422, assertThrows(OperationException.class, () -> w.kit.call("push-points",
                    Map.of("name", "9 not a name", "points", points.subList(0, 1)))).status());
            assertEquals(422, assertThrows(OperationException.class, () -> w.kit.call("push-points",
                    Map.of("name", "orders", "points", List.of()))).status());
            InvalidInputException wrongType = assertThrows(InvalidInputException.class, () -> w.kit.call(
                    "push-points", Map.of("name", "orders", "points", List.of(Map.of("timestamp", "yesterday",
                            "value", 1)))));
            assertTrue(wrongType.getMessage().contains("timestamp"), wrongType.getMessage());

            // a valid batch the database refuses half way: the first series' point and the second series are
            // rolled back with it
            try (Connection c = w.kit.data().dataSource().getConnection()) {
                c.createStatement().execute("ALTER TABLE anomaly_point ADD CONSTRAINT test_refuse CHECK (value <> 666)");
            }
            assertThrows(SQLException.class, () -> w.kit.call("push-points", Map.of("name", "orders", "points",
                    List.of(Map.of("timestamp", "2026-03-01T00:05:00Z", "value", 5),
                            Map.of("timestamp", "2026-03-01T00:05:00Z", "value", 666, "labels",
                                    Map.of("host", "new"))))));
            try (Connection c = w.kit.data().dataSource().getConnection()) {
                c.createStatement().execute("ALTER TABLE anomaly_point DROP CONSTRAINT test_refuse");
            }

            List<SeriesRow> series = w.kit.call("list-series", Map.of());
            assertEquals(1, series.size());
            assertEquals(1, series.get(0).points(), "only the first, good batch is stored");
        }
    }

    @Test
    void tooManyPointsAreRefused() throws Exception {
        try (World w = new World(Map.of("max-points-per-request", "3"))) {
            List<Map<String, Object>> points = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                points.add(Map.of("timestamp", Instant.parse("2026-03-01T00:00:00Z").plusSeconds(60L * i).toString(),
                        "value", i));
            }
            OperationException e = assertThrows(OperationException.class,
                    () -> w.kit.call("push-points", Map.of("name", "orders", "points", points)));
            assertTrue(e.getMessage().contains("at most 3"), e.getMessage());
        }
    }

    @Test
    void seriesDerivedFromEventsCountSumAndCountUsersPerBucketWithFilters() throws Exception {
        try (World w = new World()) {
            Instant start = w.clock.instant().minus(Duration.ofMinutes(30));
            w.kit.call("define-derived-series", Map.of("name", "checkout.count", "eventName", "Order Completed",
                    "measure", "count", "bucket", "minute", "filters", Map.of("currency", "EUR")));
            w.kit.call("define-derived-series", Map.of("name", "checkout.revenue", "eventName", "Order Completed",
                    "measure", "sum", "property", "total", "bucket", "minute"));
            w.kit.call("define-derived-series", Map.of("name", "checkout.buyers", "eventName", "Order Completed",
                    "measure", "unique_users", "bucket", "minute"));
            OperationException missingProperty = assertThrows(OperationException.class, () -> w.kit.call(
                    "define-derived-series", Map.of("name", "x", "eventName", "e", "measure", "sum",
                            "bucket", "hour")));
            assertEquals("property", missingProperty.errors().get(0).field());
            assertEquals(409, assertThrows(OperationException.class, () -> w.kit.call("define-derived-series",
                    Map.of("name", "checkout.count", "eventName", "x", "measure", "count", "bucket", "hour")))
                    .status());

            Instant minute = start.plus(Duration.ofMinutes(10));
            order(w, "u1", minute.plusSeconds(5), "EUR", 10);
            order(w, "u1", minute.plusSeconds(20), "EUR", 5);
            order(w, "u2", minute.plusSeconds(40), "USD", 7.5);
            w.kit.events().add("track", "Page Viewed", "u3", null, null, minute.plusSeconds(1), Map.of(), Map.of());

            var run = w.kit.runTask("anomaly.derive", Map.of());
            assertEquals(dev.operon.sdk.testkit.TaskResult.State.SUCCEEDED, run.state(), run::errorMessage);
            Map<String, Double> at = new java.util.HashMap<>();
            for (SeriesRow s : (List<SeriesRow>) w.kit.call("list-series", Map.of())) {
                List<ChartRow> chart = w.kit.call("series-chart", Map.of("seriesId", s.id(), "limit", 5000));
                assertTrue(chart.size() > 1000, "a day of minute buckets, empty ones as 0: " + chart.size());
                double value = chart.stream().filter(r -> r.time().equals(minute.truncatedTo(
                        java.time.temporal.ChronoUnit.MINUTES))).findFirst().orElseThrow().value();
                at.put(s.name(), value);
                assertEquals(value, chart.stream().mapToDouble(ChartRow::value).sum(), 1e-9, "only that bucket");
                assertTrue(chart.get(chart.size() - 1).time().isBefore(w.clock.instant().minus(Duration.ofMinutes(2))),
                        "buckets within the lag are left for later");
            }
            assertEquals(Map.of("checkout.count", 2.0, "checkout.revenue", 22.5, "checkout.buyers", 2.0), at);

            int before = ((List<ChartRow>) w.kit.call("series-chart", Map.of("limit", 10000))).size();
            w.clock.advance(Duration.ofMinutes(3));
            w.kit.runTask("anomaly.derive", Map.of());
            int after = ((List<ChartRow>) w.kit.call("series-chart", Map.of("limit", 10000))).size();
            assertEquals(before + 3, after, "each run appends the buckets closed since");
        }
    }

    private static void order(World w, String user, Instant at, String currency, double total) {
        w.kit.events().add("track", "Order Completed", user, null, null, at,
                Map.of("currency", currency, "total", total), Map.of());
    }
}
