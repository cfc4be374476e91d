package dev.operon.plugins.anomaly.alerts;

import java.util.Locale;
import java.util.stream.Collectors;

/** The subject and text of the message sent for an incident's transition. */
final class AlertMessages {

    private AlertMessages() {
    }

    static String subject(Incident incident, String transition) {
        return "[" + incident.severity().toUpperCase(Locale.ROOT) + "] " + incident.seriesName() + labels(incident)
                + ": anomaly " + verb(transition) + " (incident " + incident.id() + ")";
    }

    static String text(Incident incident, String transition, String actor) {
        StringBuilder text = new StringBuilder();
        text.append("Incident ").append(incident.id()).append(" was ").append(verb(transition));
        if (actor != null) {
            text.append(" by ").append(actor);
        }
        text.append(".\nSeries: ").append(incident.seriesName()).append(labels(incident))
                .append("\nRule: ").append(incident.ruleName())
                .append("\nSeverity: ").append(incident.severity())
                .append("\nStarted: ").append(incident.startedAt())
                .append("\nLast anomalous point: ").append(incident.lastAnomalousAt())
                .append(String.format(Locale.ROOT, "%nPeak anomaly likelihood: %.4f", incident.peakScore()))
                .append("\nAnomalous points: ").append(incident.anomalousPoints());
        return text.toString();
    }

    /** {@code opened}, {@code acknowledged}, {@code resolved}. */
    private static String verb(String transition) {
        return transition.equals(Incident.OPEN) ? "opened" : transition;
    }

    private static String labels(Incident incident) {
        if (incident.labels().isEmpty()) {
            return "";
        }
        return incident.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
