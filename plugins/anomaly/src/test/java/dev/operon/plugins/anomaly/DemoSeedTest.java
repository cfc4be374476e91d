package dev.operon.plugins.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.anomaly.alerts.IncidentOperations.IncidentRow;
import dev.operon.plugins.anomaly.metrics.SeriesOperations.SeriesRow;
import dev.operon.sdk.demo.DemoProduct;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DemoSeedTest {

    @Test
    void demoSeriesAreDerivedFromTheShopsFirstDayAndThePlantedOutageOpensAnIncident() throws Exception {
        try (World w = new World()) {
            Instant now = w.clock.instant();
            Instant firstDay = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(14));
            Instant outageFrom = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(30));
            Instant outageTo = outageFrom.plus(Duration.ofHours(5));
            Random random = new Random(7);
            for (Instant hour = firstDay.plus(Duration.ofHours(3)); hour.isBefore(now.minus(Duration.ofHours(2)));
                 hour = hour.plus(Duration.ofHours(1))) {
                boolean outage = !hour.isBefore(outageFrom) && hour.isBefore(outageTo);
                int orders = outage ? 0 : 18 + random.nextInt(5);
                for (int i = 0; i < orders; i++) {
                    w.kit.events().add("track", "Order Completed", "u" + random.nextInt(50), null, null,
                            hour.plusSeconds(random.nextInt(3600)), Map.of("revenue", 20.0), Map.of());
                }
            }

            List<String> log = w.kit.seedDemo(now, List.of(new DemoProduct("sku-1", "Kettle", "kitchen", 20)), 1);
            assertEquals(1, log.size(), log::toString);
            assertTrue(log.get(0).contains(firstDay.toString()), "series start with the shop's first day: " + log);
            w.kit.seedDemo(now, List.of(), 1); // seeding again changes nothing

            var derive = w.kit.runTask("anomaly.derive", Map.of());
            assertEquals(dev.operon.sdk.testkit.TaskResult.State.SUCCEEDED, derive.state(), derive::errorMessage);
            List<SeriesRow> series = w.kit.call("list-series", Map.of());
            assertEquals(List.of("shop.active_users", "shop.orders", "shop.product_views", "shop.revenue"),
                    series.stream().map(SeriesRow::name).sorted().toList());
            for (SeriesRow s : series) {
                assertTrue(s.points() >= 14 * 24 - 1 && s.points() <= 16 * 24, s.name() + ": " + s.points());
            }
            w.score();
            List<IncidentRow> incidents = w.kit.call("list-incidents", Map.of());
            List<IncidentRow> orders = incidents.stream().filter(i -> i.series().startsWith("shop.orders")).toList();
            assertEquals(1, orders.size(), () -> "incidents: " + incidents);
            IncidentRow outage = orders.get(0);
            assertTrue(!outage.startedAt().isBefore(outageFrom) && outage.startedAt().isBefore(outageTo),
                    outage::toString);
            assertEquals("demo: shop metrics", outage.rule());
        }
    }
}
