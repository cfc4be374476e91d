package dev.operon.plugins.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.anomaly.alerts.IncidentOperations.IncidentRow;
import dev.operon.plugins.anomaly.metrics.SeriesOperations.SeriesRow;
import dev.operon.sdk.demo.DemoProduct;
import dev.operon.sdk.testkit.TaskResult;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The demo seeder on a shop shaped like the demo's: five weeks of product views and orders with a daily rhythm (quiet
 * nights, a lunch bump, an evening peak) and busier weekends, small counts (orders 0-2 an hour at night, about 6 at
 * the evening peak), and two planted incidents like the demo's own: a tracking drop (all events at 15 % for five
 * morning hours) and a checkout outage (orders at 5 % for six evening hours). The server's default detector is the
 * catalogue's; the seeder picks the demo series' detector and rule.
 */
class DemoSeedTest {

    private static final int DAYS = 35;
    private static final double[] RHYTHM = {0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.0, 1.1, 1.3, 1.1,
            1.0, 1.0, 1.1, 1.3, 1.6, 1.8, 1.7, 1.3, 0.8, 0.3};
    private static final double VIEWS_AT_PEAK = 40;
    private static final double ORDERS_AT_PEAK = 6;

    private record Planted(String name, Instant from, Instant to, String event, double factor) {
        boolean covers(Instant t, String eventName) {
            return !t.isBefore(from) && t.isBefore(to) && (event == null || event.equals(eventName));
        }

        /** The planted window and the hours after it in which an incident belongs to it. */
        boolean explains(Instant startedAt) {
            return !startedAt.isBefore(from) && startedAt.isBefore(to.plus(Duration.ofHours(6)));
        }
    }

    @Test
    void eachPlantedIncidentOpensOneIncidentAndNothingElseOpensOne() throws Exception {
        try (World w = new World(Map.of("default-detector", "ensemble"))) {
            Instant now = w.clock.instant();
            Instant firstDay = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS));
            Planted drop = new Planted("tracking drop", firstDay.plus(Duration.ofDays(21)).plus(Duration.ofHours(9)),
                    firstDay.plus(Duration.ofDays(21)).plus(Duration.ofHours(14)), null, 0.15);
            Planted outage = new Planted("checkout outage",
                    firstDay.plus(Duration.ofDays(28)).plus(Duration.ofHours(17)),
                    firstDay.plus(Duration.ofDays(28)).plus(Duration.ofHours(23)), "Order Completed", 0.05);
            List<Planted> planted = List.of(drop, outage);
            addShopEvents(w, firstDay, now, planted);

            List<String> log = w.kit.seedDemo(now, List.of(new DemoProduct("sku-1", "Kettle", "kitchen", 20)), 1);
            assertEquals(List.of("did checkout latency is pushed: ok", "ran anomaly.score: SUCCEEDED",
                    "did an operator confirms the clearest past incident: ok"), log.subList(1, log.size()));
            assertTrue(log.get(0).contains(firstDay.toString()), "series start with the shop's first day: " + log);

            TaskResult<Object> derive = w.kit.runTask("anomaly.derive", Map.of());
            assertEquals(TaskResult.State.SUCCEEDED, derive.state(), derive::errorMessage);
            List<SeriesRow> series = w.kit.call("list-series", Map.of());
            assertEquals(List.of("shop.active_users", "shop.checkout_latency_ms", "shop.orders", "shop.product_views",
                    "shop.revenue"), series.stream().map(SeriesRow::name).sorted().toList());
            series = series.stream().filter(s -> !s.name().equals("shop.checkout_latency_ms")).toList();
            for (SeriesRow s : series) {
                assertTrue(s.points() >= DAYS * 24 - 3 && s.points() <= DAYS * 24, s.name() + ": " + s.points());
                assertEquals("seasonal-shift", s.detector(), s.name());
            }
            w.score();

            List<IncidentRow> all = w.kit.call("list-incidents", Map.of());
            List<IncidentRow> latency = all.stream().filter(i -> i.series().startsWith("shop.checkout_latency_ms"))
                    .toList();
            assertEquals(1, latency.size(), "the pushed series' slow end: " + latency);
            assertEquals("open", latency.get(0).state(), "no point comes after the slow end: it stays open");
            assertTrue(latency.get(0).startedAt().isAfter(now.minus(Duration.ofMinutes(50))), latency::toString);
            List<IncidentRow> incidents = all.stream().filter(i -> !latency.contains(i)).toList();
            Map<String, List<IncidentRow>> bySeries = incidents.stream()
                    .collect(Collectors.groupingBy(i -> i.series().substring(0, i.series().indexOf('{'))));
            String listed = incidents.stream().map(i -> i.series() + "@" + i.startedAt() + " peak " + i.peakScore())
                    .toList().toString();
            for (IncidentRow i : incidents) {
                assertEquals("demo: shop metrics", i.rule());
                assertTrue(planted.stream().anyMatch(p -> p.explains(i.startedAt())), "a false incident: " + listed);
            }
            for (List<IncidentRow> ofSeries : bySeries.values()) {
                for (Planted p : planted) {
                    long inWindow = ofSeries.stream().filter(i -> p.explains(i.startedAt())).count();
                    assertTrue(inWindow <= 1, p.name() + " opened more than one incident on a series: " + listed);
                }
            }
            // the series where each incident is plain to see: exactly one incident each
            assertOneIn(bySeries, "shop.product_views", drop, listed);
            assertOneIn(bySeries, "shop.orders", outage, listed);
            assertOneIn(bySeries, "shop.revenue", outage, listed);

            // seeding again (a restart of the workspace) after the scoring: the review confirms the clearest incident
            IncidentRow clearest = incidents.stream().filter(i -> i.state().equals("resolved")).max(Comparator.comparingDouble(IncidentRow::peakScore))
                    .orElseThrow();
            w.kit.seedDemo(now, List.of(), 1);
            w.kit.seedDemo(now, List.of(), 1);
            List<IncidentRow> reviewed = w.kit.<List<IncidentRow>>call("list-incidents", Map.of()).stream()
                    .filter(i -> i.feedback() != null).toList();
            assertEquals(List.of(clearest.id()), reviewed.stream().map(IncidentRow::id).toList(),
                    "one confirmed incident however often the demo is seeded");
            assertEquals("confirmed", reviewed.get(0).feedback());
            assertEquals(1, w.kit.<List<SeriesRow>>call("list-series", Map.of()).stream()
                    .filter(s -> s.name().equals("shop.checkout_latency_ms")).count(), "the pushed series once");
        }
    }

    private static void assertOneIn(Map<String, List<IncidentRow>> bySeries, String series, Planted p, String all) {
        long count = bySeries.getOrDefault(series, List.of()).stream().filter(i -> p.explains(i.startedAt())).count();
        assertEquals(1, count, p.name() + " on " + series + ": " + all);
    }

    /** Hourly Poisson numbers of product views and orders, thinned by the planted incidents. */
    private static void addShopEvents(World w, Instant firstDay, Instant now, List<Planted> planted) {
        Random random = new Random(7);
        for (Instant hour = firstDay; hour.isBefore(now.minus(Duration.ofHours(2))); hour = hour.plus(Duration.ofHours(1))) {
            DayOfWeek day = hour.atOffset(ZoneOffset.UTC).getDayOfWeek();
            double level = RHYTHM[hour.atOffset(ZoneOffset.UTC).getHour()] / 1.8
                    * (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 1.5 : 1.0);
            add(w, random, hour, "Product Viewed", VIEWS_AT_PEAK * level, planted);
            add(w, random, hour, "Order Completed", ORDERS_AT_PEAK * level, planted);
        }
    }

    private static void add(World w, Random random, Instant hour, String event, double mean, List<Planted> planted) {
        int n = PoissonCounts.draw(mean, random);
        for (int i = 0; i < n; i++) {
            Instant at = hour.plusSeconds(random.nextInt(3600));
            boolean kept = true;
            for (Planted p : planted) {
                if (p.covers(at, event) && random.nextDouble() >= p.factor()) {
                    kept = false;
                }
            }
            if (kept) {
                Map<String, Object> properties = event.equals("Order Completed") ? Map.of("revenue", 20.0) : Map.of();
                w.kit.events().add("track", event, "u" + random.nextInt(200), null, null, at, properties, Map.of());
            }
        }
    }
}
