package dev.operon.plugins.behaviour.segments;

import dev.operon.sdk.events.Event;
import java.util.Set;

/**
 * The events this plugin appends to a profile's timeline when it enters or leaves a segment. They describe the
 * plugin's work, not what the user did: churn labels and features, and persona sequences, leave them out.
 */
public final class SegmentEvents {

    public static final String ENTERED = "Segment Entered";
    public static final String EXITED = "Segment Exited";
    private static final Set<String> NAMES = Set.of(ENTERED, EXITED);

    private SegmentEvents() {
    }

    /** True for an event this plugin wrote itself. */
    public static boolean isOwn(Event event) {
        return event.name() != null && NAMES.contains(event.name());
    }
}
