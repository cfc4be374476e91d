package dev.operon.plugins.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.anomaly.alerts.Deliverer;
import dev.operon.plugins.anomaly.alerts.IncidentOperations.IncidentRow;
import dev.operon.plugins.anomaly.alerts.Notification;
import dev.operon.plugins.anomaly.metrics.SeriesOperations.ChartRow;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.testkit.AuditRecord;
import dev.operon.sdk.testkit.RecordingChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AlertingTest {

    private static final String LATENCY = "api.latency";

    @Test
    void oneIncidentPerEpisodeThatResolvesByItselfAndIsToldTwice() throws Exception {
        try (World w = new World()) {
            RecordingChannel webhook = w.kit.channels().add(new RecordingChannel("notify.webhook"));
            w.kit.call("save-rule", w.rule("latency", LATENCY, 0.9, 120, 300,
                    List.of(World.target("notify.webhook", "http://127.0.0.1:1/hook", "slack"))));
            w.push(LATENCY, Map.of("host", "a"), World.T0, World.wave(400, 1, 300, 306, 60), 0, 400);
            w.score();

            List<IncidentRow> incidents = w.kit.call("list-incidents", Map.of());
            assertEquals(1, incidents.size(), () -> "incidents: " + incidents);
            IncidentRow incident = incidents.get(0);
            assertEquals(World.T0.plus(Duration.ofMinutes(300)), incident.startedAt());
            assertEquals(World.T0.plus(Duration.ofMinutes(302)), incident.openedAt(), "opens once it lasted 2 min");
            assertTrue(incident.anomalousPoints() >= 3 && incident.anomalousPoints() <= 6, incident::toString);
            assertEquals("resolved", incident.state());
            assertEquals("task:anomaly.score", incident.resolvedBy());
            assertEquals("api.latency{host=a}", incident.series());

            List<Message> sent = webhook.delivered();
            assertEquals(2, sent.size());
            assertTrue(sent.get(0).subject().contains("opened"), sent.get(0)::subject);
            assertTrue(sent.get(1).subject().contains("resolved"), sent.get(1)::subject);
            assertEquals("slack", sent.get(0).headers().get(Deliverer.FORMAT_HEADER));
            assertEquals("http://127.0.0.1:1/hook", sent.get(0).recipient());
            assertEquals(2, sent.stream().map(Message::idempotencyKey).collect(Collectors.toSet()).size());

            // scoring again finds nothing new: no second incident, nothing sent twice
            w.score();
            assertEquals(1, ((List<?>) w.kit.call("list-incidents", Map.of())).size());
            assertEquals(2, webhook.attempts());
        }
    }

    @Test
    void theDefaultEnsembleReportsASpikeAsOneIncident() throws Exception {
        try (World w = new World(Map.of("default-detector", "ensemble"))) {
            RecordingChannel webhook = w.kit.channels().add(new RecordingChannel("notify.webhook"));
            w.kit.call("save-rule", w.rule("latency", LATENCY, 0.9, 0, 300,
                    List.of(World.target("notify.webhook", "http://127.0.0.1:1/hook", "json"))));
            w.push(LATENCY, Map.of(), World.T0, World.wave(800, 11, 700, 706, 60), 0, 800);
            w.score();
            List<IncidentRow> incidents = w.kit.call("list-incidents", Map.of());
            assertEquals(1, incidents.size(), () -> "incidents: " + incidents);
            assertTrue(!incidents.get(0).startedAt().isBefore(World.T0.plus(Duration.ofMinutes(700)))
                    && incidents.get(0).startedAt().isBefore(World.T0.plus(Duration.ofMinutes(706))),
                    incidents.get(0)::toString);
            assertEquals(2, webhook.delivered().size(), "opened and resolved");
        }
    }

    @Test
    void anAnomalyShorterThanTheMinimumDurationOpensNothing() throws Exception {
        try (World w = new World()) {
            w.kit.call("save-rule", w.rule("latency", LATENCY, 0.9, 600, 300, List.of()));
            w.push(LATENCY, Map.of(), World.T0, World.wave(400, 1, 300, 303, 60), 0, 400);
            w.score();
            List<ChartRow> chart = w.kit.call("series-chart", Map.of("limit", 400));
            assertTrue(chart.get(300).score() >= 0.9, "the spike is anomalous: " + chart.get(300));
            assertEquals(0, ((List<?>) w.kit.call("list-incidents", Map.of())).size());
        }
    }

    @Test
    void anEpisodeSpreadOverScoringRunsIsOneIncidentAndScoresMatchOnePass() throws Exception {
        List<double[]> wave = World.wave(400, 2, 300, 310, 60);
        List<ChartRow> onePass;
        try (World w = new World()) {
            w.push(LATENCY, Map.of(), World.T0, wave, 0, 400);
            w.score();
            onePass = w.kit.call("series-chart", Map.of("limit", 400));
        }
        try (World w = new World()) {
            w.kit.call("save-rule", w.rule("latency", LATENCY, 0.9, 0, 300, List.of()));
            w.push(LATENCY, Map.of(), World.T0, wave, 0, 303);
            w.score();
            List<ChartRow> before = w.kit.call("series-chart", Map.of("limit", 400));
            w.push(LATENCY, Map.of(), World.T0, wave, 303, 400);
            w.score();
            List<ChartRow> after = w.kit.call("series-chart", Map.of("limit", 400));

            assertEquals(before.stream().map(ChartRow::score).toList(),
                    after.subList(0, 303).stream().map(ChartRow::score).toList(), "past scores never change");
            assertEquals(onePass.stream().map(ChartRow::score).toList(), after.stream().map(ChartRow::score).toList(),
                    "scoring in two runs gives the scores of one pass");
            List<IncidentRow> incidents = w.kit.call("list-incidents", Map.of());
            assertEquals(1, incidents.size(), () -> "incidents: " + incidents);
            assertTrue(incidents.get(0).anomalousPoints() >= 5, incidents.get(0)::toString);
            assertEquals(1, after.get(305).incident(), "the chart marks the incident");
            assertEquals(0, after.get(100).incident());
        }
    }

    @Test
    void aDetectorRebuiltAfterARestartContinuesWithTheSameScores() throws Exception {
        List<double[]> wave = World.wave(400, 3, 350, 355, 60);
        List<ChartRow> onePass;
        try (World w = new World()) {
            w.push(LATENCY, Map.of(), World.T0, wave, 0, 400);
            w.score();
            onePass = w.kit.call("series-chart", Map.of("limit", 400));
        }
        try (World w = new World()) {
            w.push(LATENCY, Map.of(), World.T0, wave, 0, 340);
            w.score();
            // a new plugin instance on the same database: no warm detector, it replays the stored points
            try (World restarted = new World(w.kit.data().dataSource())) {
                restarted.push(LATENCY, Map.of(), World.T0, wave, 340, 400);
                restarted.score();
                List<ChartRow> after = restarted.kit.call("series-chart", Map.of("limit", 400));
                assertEquals(onePass.stream().map(ChartRow::score).toList(),
                        after.stream().map(ChartRow::score).toList());
            }
        }
    }

    @Test
    void theLifecycleIsOpenAcknowledgedResolvedAndEveryStepIsAuditedAndTold() throws Exception {
        try (World w = new World()) {
            RecordingChannel email = w.kit.channels().add(new RecordingChannel("notify.email"));
            w.kit.call("save-rule", w.rule("latency", LATENCY, 0.9, 0, 3600,
                    List.of(World.target("notify.email", "oncall@example.com", "json"))));
            w.push(LATENCY, Map.of(), World.T0, World.wave(710, 4, 700, 710, 60), 0, 710);
            w.score();
            IncidentRow open = ((List<IncidentRow>) w.kit.call("list-incidents", Map.of("state", "open"))).get(0);

            IncidentRow acked = w.kit.call("acknowledge-incident", Map.of("incidentId", open.id(), "note", "on it"));
            assertEquals("acknowledged", acked.state());
            assertEquals("test:operator", acked.acknowledgedBy());
            OperationException again = assertThrows(OperationException.class,
                    () -> w.kit.call("acknowledge-incident", Map.of("incidentId", open.id())));
            assertEquals(409, again.status());

            IncidentRow resolved = w.kit.call("resolve-incident", Map.of("incidentId", open.id()));
            assertEquals("resolved", resolved.state());
            assertEquals("test:operator", resolved.resolvedBy());
            assertEquals(404, assertThrows(OperationException.class,
                    () -> w.kit.call("resolve-incident", Map.of("incidentId", 999_999))).status());

            List<AuditRecord> audits = w.kit.auditLog().stream()
                    .filter(a -> a.operation().endsWith("-incident") && a.outcome() == AuditRecord.Outcome.SUCCEEDED)
                    .toList();
            assertEquals(2, audits.size());
            assertEquals("open", ((IncidentRow) audits.get(0).before()).state());
            assertEquals("acknowledged", ((IncidentRow) audits.get(0).after()).state());
            assertEquals("resolved", ((IncidentRow) audits.get(1).after()).state());

            w.score();
            assertEquals(List.of("opened", "acknowledged", "resolved"), email.delivered().stream()
                    .map(m -> m.subject().replaceAll(".*anomaly (\\w+).*", "$1")).toList());
            assertTrue(email.delivered().get(1).text().contains("by test:operator"));
            assertTrue(email.delivered().get(0).headers().isEmpty(), "no webhook format header for e-mail");
            var history = (dev.operon.plugins.anomaly.alerts.IncidentOperations.History)
                    w.kit.call("incident-history", Map.of("incidentId", open.id()));
            assertEquals(List.of("open", "acknowledged", "resolved"),
                    history.changes().stream().map(c -> c.to()).toList());
        }
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffAndSentOnce() throws Exception {
        try (World w = new World()) {
            RecordingChannel webhook = w.kit.channels().add(new RecordingChannel("notify.webhook").failNext(2));
            w.kit.call("save-rule", w.rule("latency", LATENCY, 0.9, 0, 300,
                    List.of(World.target("notify.webhook", "http://127.0.0.1:1/hook", "feishu"))));
            w.push(LATENCY, Map.of(), World.T0, World.wave(306, 5, 300, 306, 60), 0, 306);
            w.score();
            assertEquals(1, webhook.attempts());
            assertEquals(List.of("pending"), states(w));

            w.score();
            assertEquals(1, webhook.attempts(), "not due before the back-off");
            w.clock.advance(Duration.ofSeconds(30));
            w.score();
            assertEquals(2, webhook.attempts());
            w.clock.advance(Duration.ofSeconds(59));
            w.score();
            assertEquals(2, webhook.attempts(), "the second wait is doubled");
            w.clock.advance(Duration.ofSeconds(1));
            w.score();
            assertEquals(3, webhook.attempts());
            assertEquals(1, webhook.delivered().size());
            assertEquals(List.of("delivered"), states(w));
            List<Notification> sent = w.kit.call("list-notifications", Map.of());
            assertEquals(3, sent.get(0).attempts());

            w.clock.advance(Duration.ofHours(2));
            w.score();
            assertEquals(3, webhook.attempts(), "a delivered notification is never sent again");
        }
    }

    @Test
    void queuedNotificationsSurviveARestartAndAreSentOnceAfterIt() throws Exception {
        try (World w = new World()) {
            w.kit.call("save-rule", w.rule("latency", LATENCY, 0.9, 0, 3600,
                    List.of(World.target("notify.webhook", "http://127.0.0.1:1/hook", "json"))));
            w.push(LATENCY, Map.of(), World.T0, World.wave(706, 10, 700, 706, 60), 0, 706);
            var run = w.kit.runTask("anomaly.score", Map.of("skipDelivery", true));
            assertEquals(dev.operon.sdk.testkit.TaskResult.State.SUCCEEDED, run.state());
            assertEquals(List.of("pending"), states(w));

            try (World restarted = new World(w.kit.data().dataSource())) {
                RecordingChannel webhook = restarted.kit.channels().add(new RecordingChannel("notify.webhook"));
                restarted.score();
                restarted.score();
                assertEquals(1, webhook.delivered().size());
                assertEquals(1, webhook.attempts());
                assertEquals(1, ((List<?>) restarted.kit.call("list-incidents", Map.of())).size());
            }
        }
    }

    @Test
    void aPermanentRejectionStopsAndExhaustedAttemptsFail() throws Exception {
        try (World w = new World(Map.of("delivery-max-attempts", "2"))) {
            RecordingChannel rejecting = w.kit.channels().add(new RecordingChannel("notify.email").rejectAll(true));
            RecordingChannel down = w.kit.channels().add(new RecordingChannel("notify.webhook").failNext(10));
            w.kit.call("save-rule", w.rule("latency", LATENCY, 0.9, 0, 3600, List.of(
                    World.target("notify.email", "nobody@example.com", "json"),
                    World.target("notify.webhook", "http://127.0.0.1:1/hook", "dingtalk"),
                    World.target("notify.missing", "somewhere", "json"))));
            w.push(LATENCY, Map.of(), World.T0, World.wave(706, 6, 700, 706, 60), 0, 706);
            w.score();
            w.clock.advance(Duration.ofMinutes(5));
            w.score();
            w.clock.advance(Duration.ofMinutes(5));
            w.score();
            List<Notification> all = w.kit.call("list-notifications", Map.of());
            Map<String, String> byChannel = all.stream().collect(Collectors.toMap(Notification::channel,
                    Notification::state));
            assertEquals(Map.of("notify.email", "rejected", "notify.webhook", "failed", "notify.missing", "failed"),
                    byChannel);
            assertEquals(1, rejecting.attempts());
            assertEquals(2, down.attempts());
            assertTrue(all.stream().filter(n -> n.channel().equals("notify.missing")).findFirst().orElseThrow()
                    .lastError().contains("not available"));
        }
    }

    @Test
    void feedbackMovesTheSeriesSensitivityOncePerIncident() throws Exception {
        try (World w = new World()) {
            w.kit.call("save-rule", w.rule("latency", LATENCY, 0.9, 0, 300, List.of()));
            w.push(LATENCY, Map.of(), World.T0, World.wave(706, 7, 700, 706, 60), 0, 706);
            w.score();
            IncidentRow incident = ((List<IncidentRow>) w.kit.call("list-incidents", Map.of())).get(0);
            var result = (dev.operon.plugins.anomaly.alerts.IncidentOperations.FeedbackResult) w.kit.call(
                    "incident-feedback", Map.of("incidentId", incident.id(), "verdict", "false_positive",
                            "note", "deploy"));
            assertEquals(1.0, result.sensitivityBefore());
            assertEquals(1.0 / 1.5, result.sensitivityAfter(), 1e-12);
            List<dev.operon.plugins.anomaly.metrics.SeriesOperations.SeriesRow> series =
                    w.kit.call("list-series", Map.of());
            assertEquals(1.0 / 1.5, series.get(0).sensitivity(), 1e-12);
            assertEquals("false_positive",
                    ((List<IncidentRow>) w.kit.call("list-incidents", Map.of())).get(0).feedback());
            assertEquals(409, assertThrows(OperationException.class, () -> w.kit.call("incident-feedback",
                    Map.of("incidentId", incident.id(), "verdict", "confirmed"))).status());
            assertThrows(dev.operon.sdk.testkit.InvalidInputException.class, () -> w.kit.call("incident-feedback",
                    Map.of("incidentId", incident.id(), "verdict", "maybe")));

            // a rule with incidents is kept (its incidents with it): disable it instead
            var rule = (dev.operon.plugins.anomaly.alerts.RuleOperations.RuleRow)
                    ((List<?>) w.kit.call("list-rules", Map.of())).get(0);
            assertEquals(409, assertThrows(OperationException.class,
                    () -> w.kit.call("delete-rule", Map.of("ruleId", rule.id()))).status());
            assertEquals(1, ((List<?>) w.kit.call("list-incidents", Map.of())).size());
        }
    }

    private static List<String> states(World w) throws Exception {
        List<Notification> all = w.kit.call("list-notifications", Map.of());
        return all.stream().map(Notification::state).toList();
    }

}
