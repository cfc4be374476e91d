package dev.operon.plugins.anomaly.demo;

import dev.operon.plugins.anomaly.alerts.IncidentOperations.IncidentRow;
import dev.operon.sdk.demo.DemoCalls;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's review of the shop's past incidents, so that the demo has feedback to show: the resolved incident
 * with the highest peak is confirmed (which raises its series' sensitivity, as the feedback history shows). Once
 * any incident has feedback, a later seeding of the same workspace leaves them alone.
 */
final class IncidentReview {

    static final String NOTE = "Demo review: checked against the shop's orders, a real departure.";

    private IncidentReview() {
    }

    /** Confirms the resolved incident with the highest peak when no incident has feedback yet; answers it. */
    static Optional<IncidentRow> confirmTheClearest(DemoCalls calls) throws Exception {
        List<IncidentRow> incidents = calls.call("list-incidents", Map.of("limit", 1000));
        if (incidents.stream().anyMatch(i -> i.feedback() != null)) {
            return Optional.empty();
        }
        Optional<IncidentRow> clearest = incidents.stream().filter(i -> i.state().equals("resolved"))
                .max(Comparator.comparingDouble(IncidentRow::peakScore));
        if (clearest.isPresent()) {
            calls.call("incident-feedback", Map.of("incidentId", clearest.get().id(), "verdict", "confirmed",
                    "note", NOTE));
        }
        return clearest;
    }
}
