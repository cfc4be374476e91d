package dev.operon.core.tasks;

/**
 * A task definition the platform creates by itself when it starts (for example the daily
 * {@code core.events-maintenance}). A CDI bean implementing this is picked up by {@link DefaultSchedules}, which
 * creates the definition once per database: operators may change, disable or delete it afterwards and it stays so.
 */
public interface DefaultSchedule {

    /** The definition to create; its name identifies it. */
    TaskRequest definition();

    /** False when configuration turns this default off; nothing is created then. */
    default boolean wanted() {
        return true;
    }
}
