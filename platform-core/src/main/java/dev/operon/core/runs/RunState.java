package dev.operon.core.runs;

import java.util.Arrays;
import java.util.List;

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

    /** Every state's wire name, in declaration order. */
    public static List<String> wires() {
        return Arrays.stream(values()).map(RunState::wire).toList();
    }

    /** "must be queued, running, ... or skipped": the message for a state filter that names none of them. */
    public static String choices() {
        List<String> all = wires();
        return "must be " + String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
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
