package dev.operon.plugins.marketing.journeys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A journey as stored: draft, active (users enter and advance) or stopped (nobody enters or advances). */
public record Journey(long id, String name, String status, String entryEvent, String entrySegmentId,
                     String goalEvent, String firstStep, long entryCursor, String createdBy, Instant createdAt,
                     Instant activatedAt, Instant stoppedAt, List<JourneyStep> steps) {

    public Optional<JourneyStep> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }
}
