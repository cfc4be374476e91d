package dev.operon.plugins.anomaly.demo;

import dev.operon.plugins.anomaly.alerts.Rule;
import dev.operon.plugins.anomaly.alerts.RuleStore;
import dev.operon.plugins.anomaly.metrics.Derivation;
import dev.operon.plugins.anomaly.metrics.DerivationStore;
import dev.operon.plugins.anomaly.metrics.SeriesStore;
import dev.operon.sdk.demo.DemoContext;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.events.EventQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo shop's metrics: hourly series derived from its events since the start of its history (orders, product
 * views, revenue, active users), scored by the {@value #DETECTOR} detector, and one alert rule over them without
 * delivery targets, so that the planted incidents (an outage of checkout, a drop of tracking, bot traffic, a flash
 * sale) show up as incidents once the derive and score tasks have run.
 *
 * <p>Why that detector and threshold: the shop's incidents are hours-long departures from the usual level for the
 * hour, on series of small counts that are low every night anyway. {@code seasonal-shift} accumulates that evidence
 * point by point (its likelihood keeps rising while the departure lasts, and falls back after it), so the rule needs
 * no minimum duration. The threshold was chosen on the demo shop itself (docs/benchmarks.md, "Anomaly detection",
 * 2026-12-01 demo section): over seven generated shops (different end times), every planted incident opened one
 * on at least one of the series it touches, and one evening of one shop opened incidents outside them (higher
 * thresholds lose whole planted incidents). When the shop's generated history ends, its series fall to nothing and
 * the rule opens an incident on them too: the demo has no live traffic.
 *
 * <p>After those runs the seeder pushes a system metric through the points API ({@link CheckoutLatency}), whose
 * slow end leaves an incident open, and confirms the clearest past incident ({@link IncidentReview}), so that the
 * feedback history has an entry.
 */
public final class AnomalyDemo implements DemoSeeder {

    /** The longest history looked at; the series start with the shop's first day of events. */
    static final int MAX_DAYS = 366;

    record DemoSeries(String name, String event, String measure, String property) {
    }

    static final List<DemoSeries> SERIES = List.of(
            new DemoSeries("shop.orders", "Order Completed", "count", null),
            new DemoSeries("shop.product_views", "Product Viewed", "count", null),
            new DemoSeries("shop.revenue", "Order Completed", "sum", "revenue"),
            new DemoSeries("shop.active_users", "Product Viewed", "unique_users", null));

    /** The detector of the demo series (the catalogue's default gates episodes and misses the sustained drops). */
    static final String DETECTOR = "seasonal-shift";

    static final Rule RULE = new Rule(0, "demo: shop metrics", null, Map.of("demo", "shop"), 0.45, 0, 7200,
            "warning", true, List.of());

    @Override
    public void seed(DemoContext context) throws SQLException {
        Instant from = firstDayOfEvents(context);
        context.data().inTransaction(c -> {
            for (DemoSeries s : SERIES) {
                define(c, s, from);
            }
            RuleStore.save(c, RULE);
            RuleStore.save(c, CheckoutLatency.RULE);
            return null;
        });
        // after the scheduled derive and score runs: a pushed series, scored once more, then a review of the past
        Random random = context.random();
        context.afterSeeding("checkout latency is pushed", calls -> CheckoutLatency.push(calls, context.now(), random));
        context.runAfterSeeding("anomaly.score", Map.of());
        context.afterSeeding("an operator confirms the clearest past incident", IncidentReview::confirmTheClearest);
        context.log("anomaly: " + SERIES.size() + " hourly series derived from the shop's events since " + from
                + " (detector " + DETECTOR + "), rule '" + RULE.name() + "'; " + CheckoutLatency.NAME
                + " to be pushed, slow at the end");
    }

    /**
     * The first day of the shop's unbroken run of days with events up to now: buckets before the shop opened would be
     * zeros, and the jump from zero to its normal volume would open an incident of its own.
     */
    static Instant firstDayOfEvents(DemoContext context) {
        Instant day = context.now().truncatedTo(ChronoUnit.DAYS);
        for (int i = 0; i < MAX_DAYS; i++) {
            Instant before = day.minus(Duration.ofDays(1));
            if (context.events().count(EventQuery.all().between(before, day)) == 0) {
                return day;
            }
            day = before;
        }
        return day;
    }

    private static void define(Connection c, DemoSeries s, Instant from) throws SQLException {
        long id = SeriesStore.ensure(c, s.name(), Map.of("demo", "shop"), "derived");
        if (DerivationStore.find(c, id).isPresent()) {
            return; // seeded before: the derive task has moved on from there
        }
        DerivationStore.create(c, new Derivation(id, s.event(), s.measure(), s.property(), "hour", Map.of(), from));
        SeriesStore.setSettings(c, id, DETECTOR, 1.0);
    }
}
