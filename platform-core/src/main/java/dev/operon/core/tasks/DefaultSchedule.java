package dev.operon.core.tasks;

/**
 * A task definition the platform creates by itself, once, when it starts and none of that name exists (for example
 * the daily {@code core.events-maintenance}). A CDI bean implementing this is picked up by {@link DefaultSchedules}.
 * Operators may change, disable or delete the definition afterwards; a deleted one is created again at the next
 * start, so disable it to turn it off for good.
 */
public interface DefaultSchedule {

    /** The definition to create; its name identifies it. */
    TaskRequest definition();
}
