package dev.operon.sdk.testkit;

import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The kit's event store: events the test adds, plus those the plugin appends with {@link #track}. Reads see them in
 * id order, filtered as the platform filters them. Thread-safe.
 */
public final class TestEvents implements Events {

    private final List<Event> events = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final TestProfiles profiles;

    TestEvents(TestProfiles profiles) {
        this.profiles = profiles;
    }

    /** Adds a {@code track} event of a profile at a time; returns the stored event. */
    public Event track(long profileId, String name, Instant at, Map<String, Object> properties) {
        Profile profile = profiles.get(profileId).orElseThrow(
                () -> new IllegalArgumentException("no profile " + profileId + "; add it to profiles() first"));
        return add("track", name, profile.userId(), firstAnonymousId(profile), profileId, at, properties, Map.of());
    }

    /** Adds any event; the id and message id are assigned. */
    public synchronized Event add(String type, String name, String userId, String anonymousId, Long profileId,
                                  Instant at, Map<String, Object> properties, Map<String, Object> traits) {
        Event event = new Event(ids.incrementAndGet(), UUID.randomUUID().toString(), type, name, userId, anonymousId,
                profileId, at, at, properties, traits);
        events.add(event);
        return event;
    }

    /** Every event, oldest id first. */
    public synchronized List<Event> all() {
        return List.copyOf(events);
    }

    @Override
    public void forEach(EventQuery query, Consumer<Event> action) {
        matching(query).forEach(action);
    }

    @Override
    public long count(EventQuery query) {
        return matching(query).size();
    }

    @Override
    public String track(long profileId, String event, Map<String, Object> properties) {
        return track(profileId, event, Instant.now(), properties).messageId();
    }

    /** Removes every event of a profile, as an erasure does. */
    synchronized void eraseProfile(long profileId) {
        events.removeIf(e -> e.profileId() != null && e.profileId() == profileId);
    }

    private synchronized List<Event> matching(EventQuery q) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.id() <= q.afterId()
                    || (q.from() != null && e.timestamp().isBefore(q.from()))
                    || (q.to() != null && !e.timestamp().isBefore(q.to()))
                    || (!q.types().isEmpty() && !q.types().contains(e.type()))
                    || (!q.names().isEmpty() && (e.name() == null || !q.names().contains(e.name())))
                    || (q.profileId() != null && !q.profileId().equals(e.profileId()))) {
                continue;
            }
            out.add(e);
            if (q.limit() > 0 && out.size() == q.limit()) {
                break;
            }
        }
        return out;
    }

    private static String firstAnonymousId(Profile profile) {
        return profile.anonymousIds().isEmpty() ? null : profile.anonymousIds().get(0);
    }
}
