package dev.operon.plugins.behaviour.segments.rules;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A validated rule, ready to evaluate.
 *
 * @param root      the condition tree
 * @param measures  the event measures that must be counted by reading events (none when every event condition is
 *                  served by the profile's 7/30/90-day counts)
 * @param dependsOn ids of the segments the rule refers to
 */
public record CompiledRule(Condition root, List<EventMeasure> measures, Set<Long> dependsOn) {

    public CompiledRule {
        measures = List.copyOf(measures);
        dependsOn = Set.copyOf(dependsOn);
    }

    /** True when the profile in {@code facts} meets the rule. */
    public boolean test(Facts facts) {
        return root.test(facts);
    }

    /** True when some measure counts over all time, so events cannot be read from a lower time bound. */
    public boolean needsAllTime() {
        return measures.stream().anyMatch(m -> m.window() == null);
    }

    /** The longest window of the measures, zero when there are none. */
    public Duration longestWindow() {
        return measures.stream().map(EventMeasure::window).filter(w -> w != null).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }
}
