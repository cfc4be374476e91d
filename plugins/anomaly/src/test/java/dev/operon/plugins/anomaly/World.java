package dev.operon.plugins.anomaly;

import dev.operon.plugins.anomaly.scoring.CatalogueDetectors;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A started plugin on a test clock with helpers to push series made by the test and to run the scoring task. */
final class World implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

    final TestClock clock = new TestClock(T0.plus(Duration.ofDays(2)));
    final PluginTestKit kit;

    World() {
        this(Map.of());
    }

    /**
     * With {@code config}; the default detector is {@code mad} unless set: it reports every point of a sustained
     * anomaly, which rule durations and grouping need (the catalogue's default ensemble reports an episode once).
     */
    World(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(Map.of("default-detector", "mad"));
        all.putAll(config);
        kit = PluginTestKit.start(new AnomalyPlugin(clock, new CatalogueDetectors()), all);
    }

    /** A second plugin instance on an existing database, as after a restart. */
    World(javax.sql.DataSource dataSource) {
        kit = PluginTestKit.builder(new AnomalyPlugin(clock, new CatalogueDetectors())).dataSource(dataSource)
                .config("default-detector", "mad").start();
    }

    /**
     * A steady, noisy daily-ish wave of {@code count} points, one a minute from {@code start}, with {@code spike}
     * added to the points whose index is in [spikeFrom, spikeTo).
     */
    static List<double[]> wave(int count, long seed, int spikeFrom, int spikeTo, double spike) {
        Random random = new Random(seed);
        List<double[]> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double v = 100 + 5 * Math.sin(2 * Math.PI * i / 60.0) + random.nextGaussian();
            if (i >= spikeFrom && i < spikeTo) {
                v += spike;
            }
            values.add(new double[] {i, v});
        }
        return values;
    }

    /** Pushes points {@code [from, to)} of {@code values}, index i at {@code start + i minutes}. */
    Object push(String name, Map<String, String> labels, Instant start, List<double[]> values, int from, int to)
            throws Exception {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, Object> p = new HashMap<>();
            p.put("timestamp", start.plus(Duration.ofMinutes((long) values.get(i)[0])).toString());
            p.put("value", values.get(i)[1]);
            points.add(p);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("labels", labels);
        body.put("points", points);
        return kit.call("push-points", body);
    }

    TaskResult<Object> score() {
        TaskResult<Object> run = kit.runTask("anomaly.score", Map.of());
        if (run.state() != TaskResult.State.SUCCEEDED) {
            throw new AssertionError("scoring failed: " + run.errorMessage() + " " + run.logs());
        }
        return run;
    }

    Map<String, Object> rule(String name, String series, double threshold, int minDurationSeconds,
                             int resolveAfterSeconds, List<Map<String, Object>> targets) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", name);
        rule.put("seriesName", series);
        rule.put("threshold", threshold);
        rule.put("minDurationSeconds", minDurationSeconds);
        rule.put("resolveAfterSeconds", resolveAfterSeconds);
        rule.put("severity", "critical");
        rule.put("targets", targets);
        return rule;
    }

    static Map<String, Object> target(String channel, String recipient, String format) {
        return Map.of("channel", channel, "recipient", recipient, "format", format);
    }

    @Override
    public void close() {
        kit.close();
    }
}
