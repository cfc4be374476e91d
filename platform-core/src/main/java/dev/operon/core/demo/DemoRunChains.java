package dev.operon.core.demo;

import dev.operon.core.runs.Run;
import dev.operon.core.runs.RunState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the demo's task runs as one chain per plugin: the chains side by side, the steps of a chain one after another,
 * each started when the run before it has ended (whatever its outcome). A plugin's churn scoring then finds the
 * model its churn training made, and its anomaly scoring the series its derivation filled.
 */
final class DemoRunChains {

    private static final Logger LOG = Logger.getLogger(DemoRunChains.class);

    /** One step: {@code start} queues a run and returns it, or does its work at once and returns null. */
    record Step(String typeId, Supplier<Run> start) {
    }

    /**
     * What the chains did: {@code "type (run N): state"} per run started, {@code "plugin/step (call): succeeded"}
     * per step of calls done, and the steps that could not start or whose calls failed.
     */
    record Outcome(List<String> runs, Map<String, String> failed) {
    }

    private final LongFunction<Optional<RunState>> stateOf;
    private final Duration poll;

    /** {@code stateOf} reads a run's current state (empty when the run is gone). */
    DemoRunChains(LongFunction<Optional<RunState>> stateOf, Duration poll) {
        this.stateOf = stateOf;
        this.poll = poll;
    }

    /**
     * Runs every chain to its end, or until {@code limit} has passed (then the steps not yet started are skipped and
     * named in the outcome). {@code progress} gets the percentage of steps ended.
     */
    Outcome run(List<List<Step>> chains, Duration limit, IntConsumer progress) {
        List<Chain> open = new ArrayList<>();
        int total = 0;
        for (List<Step> steps : chains) {
            if (!steps.isEmpty()) {
                open.add(new Chain(steps));
                total += steps.size();
            }
        }
        List<String> runs = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        long deadline = System.nanoTime() + limit.toNanos();
        int ended = 0;
        while (!open.isEmpty()) {
            for (Chain chain : List.copyOf(open)) {
                ended += chain.advance(runs, failed);
                if (chain.done()) {
                    open.remove(chain);
                }
            }
            progress.accept(total == 0 ? 100 : 100 * ended / total);
            if (open.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                for (Chain chain : open) {
                    chain.skipRest(failed, "not started: the demo's runs took longer than " + limit);
                }
                break;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                open.forEach(chain -> chain.skipRest(failed, "not started: the seeding was interrupted"));
                break;
            }
        }
        return new Outcome(List.copyOf(runs), Map.copyOf(failed));
    }

    /** A plugin's steps, and the run of the current one while it runs. */
    private final class Chain {
        private final List<Step> steps;
        private int next;
        private Run current;

        Chain(List<Step> steps) {
            this.steps = steps;
        }

        boolean done() {
            return current == null && next >= steps.size();
        }

        /** Starts steps until one is running; returns how many steps ended on this call. */
        int advance(List<String> runs, Map<String, String> failed) {
            int ended = 0;
            while (true) {
                if (current != null) {
                    Optional<RunState> state = stateOf.apply(current.id());
                    if (state.isPresent() && !state.get().terminal()) {
                        return ended;
                    }
                    runs.add(current.taskType() + " (run " + current.id() + "): "
                            + state.map(RunState::wire).orElse("gone"));
                    current = null;
                    ended++;
                }
                if (next >= steps.size()) {
                    return ended;
                }
                Step step = steps.get(next++);
                try {
                    current = step.start().get();
                    if (current == null) {
                        runs.add(step.typeId() + " (call): succeeded");
                        ended++;
                    }
                } catch (RuntimeException e) {
                    LOG.warnf("demo: could not run %s: %s", step.typeId(), e.getMessage());
                    failed.put(step.typeId(), String.valueOf(e.getMessage()));
                    ended++;
                }
            }
        }

        void skipRest(Map<String, String> failed, String reason) {
            if (current != null) {
                LOG.warnf("demo: run %d of %s still %s when the demo stopped waiting", current.id(),
                        current.taskType(), stateOf.apply(current.id()).map(RunState::wire).orElse("gone"));
            }
            while (next < steps.size()) {
                failed.put(steps.get(next++).typeId(), reason);
            }
        }
    }
}
