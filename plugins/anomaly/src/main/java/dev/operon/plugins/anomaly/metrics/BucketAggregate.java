package dev.operon.plugins.anomaly.metrics;

import dev.operon.sdk.events.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates the events of a time range into the buckets of a {@link Derivation}; every bucket of the range gets a
 * point, 0 when it saw no matching event (a drop to nothing is what an operator most wants to hear about).
 */
final class BucketAggregate {

    private final Derivation derivation;
    private final Map<Instant, double[]> sums = new HashMap<>();
    private final Map<Instant, Set<String>> users = new HashMap<>();

    BucketAggregate(Derivation derivation) {
        this.derivation = derivation;
    }

    void add(Event event) {
        if (!matches(event)) {
            return;
        }
        Instant bucket = derivation.floor(event.timestamp());
        switch (derivation.measure()) {
            case "count" -> sums.computeIfAbsent(bucket, b -> new double[1])[0] += 1;
            case "sum" -> {
                double v = event.number(derivation.property(), Double.NaN);
                if (Double.isFinite(v)) {
                    sums.computeIfAbsent(bucket, b -> new double[1])[0] += v;
                }
            }
            case "unique_users" -> users.computeIfAbsent(bucket, b -> new HashSet<>()).add(who(event));
            default -> throw new IllegalStateException("unknown measure " + derivation.measure());
        }
    }

    /** One point per bucket in {@code [from, to)}. */
    List<Point> points(Instant from, Instant to) {
        List<Point> out = new ArrayList<>();
        for (Instant b = from; b.isBefore(to); b = b.plus(derivation.bucketLength())) {
            double value = derivation.measure().equals("unique_users")
                    ? users.getOrDefault(b, Set.of()).size()
                    : sums.getOrDefault(b, new double[1])[0];
            out.add(new Point(b, value, null));
        }
        return out;
    }

    private boolean matches(Event event) {
        for (Map.Entry<String, String> f : derivation.filters().entrySet()) {
            Object value = event.properties().get(f.getKey());
            if (value == null || !f.getValue().equals(String.valueOf(value))) {
                return false;
            }
        }
        return true;
    }

    /** The profile when resolved, else the user id, else the anonymous id: counted, never stored. */
    private static String who(Event event) {
        if (event.profileId() != null) {
            return "p:" + event.profileId();
        }
        return event.userId() != null ? "u:" + event.userId() : "a:" + event.anonymousId();
    }
}
