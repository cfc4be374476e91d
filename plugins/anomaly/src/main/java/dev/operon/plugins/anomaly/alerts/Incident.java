package dev.operon.plugins.anomaly.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * One episode of anomalous behaviour of one series under one rule, with its lifecycle: {@code open},
 * {@code acknowledged} (an operator is on it), {@code resolved} (automatically once the series is back to normal
 * for the rule's resolve-after time, or by an operator).
 */
public record Incident(long id, long seriesId, String seriesName, Map<String, String> labels, long ruleId,
                       String ruleName, String state, String severity, Instant startedAt, Instant openedAt,
                       Instant lastAnomalousAt, double peakScore, int anomalousPoints, Long silencedBy,
                       Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy,
                       String feedback) {

    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";

    public boolean silenced() {
        return silencedBy != null;
    }
}
