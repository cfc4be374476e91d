package dev.operon.sdk.profiles;

import java.time.Instant;
import java.util.Map;

/**
 * Features the platform computes for every profile from its events, updated incrementally.
 *
 * @param firstSeen     time of the first event
 * @param lastSeen      time of the last event
 * @param events        number of events
 * @param sessions      number of sessions (a gap of 30 minutes without events starts a new one)
 * @param countsByEvent per event name (track events, and {@code page} / {@code screen} for those calls): counts in
 *                      the last 7, 30 and 90 days
 * @param frequency     number of revenue events (those carrying the configured revenue property)
 * @param monetary      sum of the revenue property over those events
 * @param recencyDays   days from the last revenue event to {@code computedAt}, null when there is none
 * @param computedAt    when these features were computed
 */
public record ProfileFeatures(Instant firstSeen, Instant lastSeen, long events, long sessions,
                              Map<String, WindowCounts> countsByEvent, long frequency, double monetary,
                              Double recencyDays, Instant computedAt) {

    public ProfileFeatures {
        countsByEvent = countsByEvent == null ? Map.of() : Map.copyOf(countsByEvent);
    }

    /** Empty features of a profile without events. */
    public static ProfileFeatures none(Instant computedAt) {
        return new ProfileFeatures(null, null, 0, 0, Map.of(), 0, 0.0, null, computedAt);
    }

    /** The counts of one event name, zeros when it never happened. */
    public WindowCounts counts(String eventName) {
        return countsByEvent.getOrDefault(eventName, WindowCounts.NONE);
    }
}
