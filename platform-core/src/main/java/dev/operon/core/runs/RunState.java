package dev.operon.core.runs;

/** The states of a run. Terminal: succeeded, failed, cancelled, timed-out, skipped (nothing to do yet). */
public enum RunState {
    QUEUED("queued"), RUNNING("running"), SUCCEEDED("succeeded"), FAILED("failed"), CANCELLED("cancelled"),
    TIMED_OUT("timed-out"), SKIPPED("skipped");

    private final String wire;

    RunState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean terminal() {
        return this != QUEUED && this != RUNNING;
    }

    public static RunState of(String wire) {
        for (RunState state : values()) {
            if (state.wire.equals(wire)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown run state: " + wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
