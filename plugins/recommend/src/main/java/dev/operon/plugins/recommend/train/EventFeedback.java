package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.IdIndex;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profiles;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Implicit feedback read from events: every {@code track} event whose name has a weight becomes an interaction of
 * its user with the item named by the first present item property, weighted {@code weight * 0.5^(age / halfLife)}
 * (age at {@code now}). Users are keyed by {@link #profileKey(long)}. Repeated pairs add up.
 */
public final class EventFeedback {

    private final Map<String, Double> weights;
    private final List<String> itemProperties;
    private final Duration halfLife;

    /**
     * @param weights        event name to weight
     * @param itemProperties properties holding the item id, tried in order
     * @param halfLife       decay half-life, or zero for none
     */
    public EventFeedback(Map<String, Double> weights, List<String> itemProperties, Duration halfLife) {
        this.weights = Map.copyOf(weights);
        this.itemProperties = List.copyOf(itemProperties);
        this.halfLife = halfLife;
    }

    /** The user key of an event: {@code p:<profile id>}. Serving looks users up with the same key. */
    public static String userKey(Event event) {
        return profileKey(event.profileId());
    }

    /** The user key of a profile: {@code p:<profile id>}. */
    public static String profileKey(long profileId) {
        return "p:" + profileId;
    }

    /** The item id an event names, or null. */
    public String itemOf(Event event) {
        for (String property : itemProperties) {
            Object value = event.properties().get(property);
            if (value != null && !value.toString().isBlank()) {
                return value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue())
                        : value.toString().strip();
            }
        }
        return null;
    }

    /**
     * Reads the weighted events in {@code [from, now)} into an interaction matrix. Only events of profiles whose
     * consent allows {@link Consent#ANALYTICS} count (the SDK's rule for including a user in models); events not yet
     * resolved to a profile have no consent to check and are left out.
     */
    public Interactions read(Events events, Profiles profiles, Instant from, Instant now) {
        Map<Long, Boolean> allowed = new HashMap<>();
        IdIndex.Builder users = new IdIndex.Builder();
        IdIndex.Builder items = new IdIndex.Builder();
        Growing rows = new Growing();
        EventQuery query = EventQuery.all().ofTypes("track").named(weights.keySet().toArray(String[]::new))
                .between(from, now);
        events.forEach(query, event -> {
            Double weight = weights.get(event.name());
            String item = itemOf(event);
            if (weight == null || item == null || event.profileId() == null) {
                return;
            }
            boolean consents = allowed.computeIfAbsent(event.profileId(), id -> profiles.get(id)
                    .map(p -> p.consent() != null && p.consent().allows(Consent.ANALYTICS)).orElse(false));
            if (!consents) {
                return;
            }
            rows.add(users.add(userKey(event)), items.add(item), (float) (weight * decay(event.timestamp(), now)),
                    event.timestamp().toEpochMilli());
        });
        return rows.build(users.build(), items.build());
    }

    double decay(Instant at, Instant now) {
        if (halfLife.isZero()) {
            return 1;
        }
        double ageDays = Math.max(0, Duration.between(at, now).toMillis()) / 86_400_000.0;
        return Math.pow(0.5, ageDays / (halfLife.toMillis() / 86_400_000.0));
    }

    /** Parallel arrays that grow as rows are added. */
    static final class Growing {
        private int[] user = new int[1024];
        private int[] item = new int[1024];
        private float[] weight = new float[1024];
        private long[] time = new long[1024];
        private int size;

        void add(int u, int i, float w, long t) {
            if (size == user.length) {
                int capacity = size * 2;
                user = Arrays.copyOf(user, capacity);
                item = Arrays.copyOf(item, capacity);
                weight = Arrays.copyOf(weight, capacity);
                time = Arrays.copyOf(time, capacity);
            }
            user[size] = u;
            item[size] = i;
            weight[size] = w;
            time[size] = t;
            size++;
        }

        int size() {
            return size;
        }

        Interactions build(IdIndex users, IdIndex items) {
            return Interactions.of(users, items, Arrays.copyOf(user, size), Arrays.copyOf(item, size),
                    Arrays.copyOf(weight, size), Arrays.copyOf(time, size));
        }
    }
}
