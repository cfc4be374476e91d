package dev.operon.core.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Exactly once across the cluster: {@code definitions} task definitions on 1-second schedules (half a cron
 * {@code * * * * * ?}, half an interval of 1 s) on three nodes for {@code seconds}; afterwards every expected fire
 * time inside the counted window has exactly one run and that run made exactly one attempt, with none missing.
 *
 * <p>The counted window starts 3 s after the last definition was saved (a definition's first fire depends on when
 * its trigger was stored) and ends 3 s before the definitions are disabled (a fire in flight while disabling may or
 * may not make a run). Runs are counted in the database: {@code run} rows per (definition, {@code scheduled_for})
 * (unique there, so a second row is impossible), and attempts as the {@code running} entries of each run's
 * history, which is where a fire executed twice would show.
 *
 * <p>CI form: 10 definitions for 30 s. Full form (issue 10: 10 minutes):
 * {@code -Doperon.cluster.exactly-once.seconds=600 -Doperon.cluster.exactly-once.definitions=20}.
 */
@ExtendWith(SharedCluster.class)
@Order(ClusterTestOrder.EXACTLY_ONCE)
@ResourceLock(SharedCluster.LOCK)
@Isolated("a missed fire is what it looks for: nothing else may load the two cores meanwhile")
class ExactlyOnceIT {

    private static final Duration EDGE = Duration.ofSeconds(3);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyOneSecondFireRunsExactlyOnceAcrossThreeNodes(Cluster cluster) throws Exception {
        int definitions = Integer.getInteger("operon.cluster.exactly-once.definitions", 10);
        int seconds = Integer.getInteger("operon.cluster.exactly-once.seconds", 30);
        List<Long> cronTasks = new ArrayList<>();
        List<Long> intervalTasks = new ArrayList<>();
        for (int i = 0; i < definitions; i++) {
            boolean cron = i % 2 == 0;
            String schedule = cron ? "{\"kind\":\"cron\",\"cron\":\"* * * * * ?\"}"
                    : "{\"kind\":\"interval\",\"everySeconds\":1}";
            // spread the definitions over the nodes: each saves its triggers through its own Quartz
            ClusterNode node = cluster.nodes().get(i % cluster.nodes().size());
            HttpResponse<String> created = node.post("/api/v1/tasks", "{\"name\":\"once-" + i + "\",\"type\":"
                    + "\"core.noop\",\"schedule\":" + schedule + ",\"concurrency\":\"allow\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            (cron ? cronTasks : intervalTasks).add(json.readTree(created.body()).get("id").asLong());
        }
        Instant from = Instant.now().plus(EDGE).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant to = from.plusSeconds(seconds);
        Thread.sleep(Duration.between(Instant.now(), to.plus(EDGE)).toMillis());
        for (long task : concat(cronTasks, intervalTasks)) {
            HttpResponse<String> disabled = cluster.nodes().get(0).post("/api/v1/tasks/" + task + "/disable", "");
            assertThat(disabled.statusCode()).as(disabled.body()).isBetween(200, 204);
        }
        Thread.sleep(3000); // runs of the last fires finish (core.noop ends at once)

        Map<Long, TreeMap<Instant, Fire>> fires = fires(cluster, from, to);
        List<String> problems = new ArrayList<>();
        Map<String, Integer> perNode = new TreeMap<>();
        for (long task : cronTasks) {
            List<Instant> expected = new ArrayList<>();
            for (Instant t = from; t.isBefore(to); t = t.plusSeconds(1)) {
                expected.add(t);
            }
            check(task, expected, fires.getOrDefault(task, new TreeMap<>()), problems, perNode);
        }
        for (long task : intervalTasks) {
            Instant first = firstFire(cluster, task);
            List<Instant> expected = new ArrayList<>();
            long skip = Math.max(0, (long) Math.ceil(Duration.between(first, from).toMillis() / 1000.0));
            for (Instant t = first.plusSeconds(skip); t.isBefore(to); t = t.plusSeconds(1)) {
                expected.add(t);
            }
            check(task, expected, fires.getOrDefault(task, new TreeMap<>()), problems, perNode);
        }
        int expectedTotal = definitions * seconds;
        int counted = fires.values().stream().mapToInt(Map::size).sum();
        System.err.printf("exactly-once: %d definitions x %d s, %d fires counted (about %d expected), per node %s,"
                + " problems %d%n", definitions, seconds, counted, expectedTotal, perNode, problems.size());
        assertThat(problems).as("fires missing, duplicated or run twice").isEmpty();
        assertThat(perNode.size()).as("fires ran on more than one node: " + perNode).isGreaterThan(1);
    }

    /** One fire: its run, how many attempts its history shows, where it ran. */
    private record Fire(long runId, int attempt, int runningEntries, String node, String state) {
    }

    private static void check(long task, List<Instant> expected, TreeMap<Instant, Fire> seen, List<String> problems,
                              Map<String, Integer> perNode) {
        for (Instant at : expected) {
            Fire fire = seen.get(at);
            if (fire == null) {
                problems.add("task " + task + ": no run for the fire at " + at);
            } else if (fire.attempt() != 1 || fire.runningEntries() != 1 || !fire.state().equals("succeeded")) {
                problems.add("task " + task + ": the fire at " + at + " ran " + fire.runningEntries()
                        + " times (attempt " + fire.attempt() + ", " + fire.state() + ")");
            }
        }
        for (Map.Entry<Instant, Fire> entry : seen.entrySet()) {
            if (!expected.contains(entry.getKey())) {
                problems.add("task " + task + ": a run for an unexpected fire time " + entry.getKey());
            } else {
                perNode.merge(entry.getValue().node(), 1, Integer::sum);
            }
        }
    }

    private static Map<Long, TreeMap<Instant, Fire>> fires(Cluster cluster, Instant from, Instant to)
            throws Exception {
        Map<Long, TreeMap<Instant, Fire>> fires = new HashMap<>();
        try (Connection connection = cluster.postgres().connect();
             PreparedStatement statement = connection.prepareStatement("""
                     select r.task_id, r.scheduled_for, r.id, r.attempt, r.node_id, r.state,
                            (select count(*) from run_state_change c where c.run_id = r.id and c.state = 'running')
                     from run r where r.trigger = 'schedule' and r.scheduled_for >= ? and r.scheduled_for < ?""")) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    fires.computeIfAbsent(rs.getLong(1), t -> new TreeMap<>()).put(rs.getTimestamp(2).toInstant(),
                            new Fire(rs.getLong(3), rs.getInt(4), rs.getInt(7), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return fires;
    }

    private static Instant firstFire(Cluster cluster, long task) throws Exception {
        try (Connection connection = cluster.postgres().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "select min(scheduled_for) from run where task_id = ?")) {
            statement.setLong(1, task);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
