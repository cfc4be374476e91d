package dev.operon.plugins.anomaly.demo;

import dev.operon.plugins.anomaly.alerts.Rule;
import dev.operon.sdk.demo.DemoCalls;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A system metric the way a service pushes it through the points API: the checkout service's p95 latency every five
 * minutes over the last three days, slower at the evening peak, and slowing down badly in its last
 * {@value #SLOW_POINTS} points. No point comes after them (the demo has no live traffic), so the incident they open
 * stays open for the operator to acknowledge, resolve and give feedback on.
 */
final class CheckoutLatency {

    static final String NAME = "shop.checkout_latency_ms";
    /** Not the shop's {@code demo=shop}: the shop metrics' rule does not watch it; {@link #RULE} does. */
    static final Map<String, String> LABELS = Map.of("env", "demo", "service", "checkout");
    /**
     * A rule of its own, as operators keep for a system metric: the default detector's likelihood (not the shop
     * series' {@code seasonal-shift}) at 0.8, which three days of this series' usual noise do not reach.
     */
    static final Rule RULE = new Rule(0, "demo: checkout latency", NAME, Map.of(), 0.8, 0, 3600, "critical", true,
            List.of());
    static final Duration STEP = Duration.ofMinutes(5);
    static final Duration HISTORY = Duration.ofDays(3);
    /** The last 45 minutes: the checkout service slows down and stays slow. */
    static final int SLOW_POINTS = 9;
    static final double USUAL_MS = 180;
    static final double SLOW_MS = 900;

    private CheckoutLatency() {
    }

    /** Pushes the series in one batch (864 points, below the default cap of a request). */
    static void push(DemoCalls calls, Instant now, Random random) throws Exception {
        calls.call("push-points", Map.of("name", NAME, "labels", LABELS, "points", points(now, random)));
    }

    /** The points as the API takes them: {@code timestamp} (ISO-8601) and {@code value}, oldest first. */
    static List<Map<String, Object>> points(Instant now, Random random) {
        Instant last = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        int count = (int) (HISTORY.toMinutes() / STEP.toMinutes());
        List<Map<String, Object>> points = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--) {
            Instant at = last.minus(STEP.multipliedBy(i));
            double hour = at.atOffset(ZoneOffset.UTC).getHour() + at.atOffset(ZoneOffset.UTC).getMinute() / 60.0;
            double evening = Math.exp(-Math.pow(hour - 19, 2) / 8); // busier, so a little slower, around 19:00
            double usual = USUAL_MS * (1 + 0.25 * evening) * (1 + 0.04 * random.nextGaussian());
            double value = i < SLOW_POINTS ? SLOW_MS * (1 + 0.1 * random.nextGaussian()) : usual;
            points.add(Map.of("timestamp", at.toString(), "value", Math.round(value * 10) / 10.0));
        }
        return points;
    }
}
