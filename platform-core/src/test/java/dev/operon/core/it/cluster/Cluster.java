package dev.operon.core.it.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A test cluster on one machine: one {@link SharedPostgres} and N {@link ClusterNode}s on it. The first node starts
 * alone (it migrates the schema and creates the admin), the others together. The fault tests share one through
 * {@link SharedCluster}. Closing stops every node, then PostgreSQL, then deletes the folder unless
 * {@code -Doperon.cluster.keep=true}.
 */
final class Cluster implements AutoCloseable {

    static final Duration START_LIMIT = Duration.ofMinutes(Long.getLong("operon.cluster.start-minutes", 5));

    private final Path folder;
    private final SharedPostgres postgres;
    private final List<ClusterNode> nodes = new ArrayList<>();

    private Cluster(Path folder) throws IOException {
        this.folder = folder;
        this.postgres = new SharedPostgres(folder.resolve("postgres"));
    }

    /** Starts PostgreSQL and {@code size} nodes with {@code env} on top of the harness's settings. */
    static Cluster start(String name, int size, Map<String, String> env) throws Exception {
        Cluster cluster = new Cluster(Files.createTempDirectory("operon-cluster-" + name + "-"));
        try {
            cluster.postgres.start();
            for (int i = 1; i <= size; i++) {
                cluster.nodes.add(new ClusterNode(name + "-node-" + i, cluster.folder.resolve("node-" + i),
                        cluster.postgres.jdbcUrl(), env));
            }
            ClusterNode first = cluster.nodes.get(0);
            first.launch();
            first.awaitReady(START_LIMIT);
            launchTogether(cluster.nodes.subList(1, size));
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Back to where {@link #start} left it: PostgreSQL running, every node launched again if it was killed, and every
     * node ready. A killed node comes back with its id, port and data folder.
     */
    void heal() throws Exception {
        if (!postgres.running()) {
            postgres.start();
        }
        launchTogether(nodes.stream().filter(node -> !node.alive()).toList());
        for (ClusterNode node : nodes) {
            node.awaitReady(START_LIMIT);
        }
    }

    private static void launchTogether(List<ClusterNode> some) throws Exception {
        for (ClusterNode node : some) {
            node.launch();
        }
        ExecutorService waiting = Executors.newFixedThreadPool(Math.max(1, some.size()));
        try {
            List<Future<?>> ready = new ArrayList<>();
            for (ClusterNode node : some) {
                ready.add(waiting.submit(() -> {
                    node.awaitReady(START_LIMIT);
                    return null;
                }));
            }
            for (Future<?> future : ready) {
                future.get();
            }
        } finally {
            waiting.shutdownNow();
        }
    }

    List<ClusterNode> nodes() {
        return nodes;
    }

    ClusterNode node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    /** A live node other than {@code except} (null: any live node). */
    ClusterNode anyAliveExcept(ClusterNode except) {
        return nodes.stream().filter(n -> n != except && n.alive()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no live node left"));
    }

    SharedPostgres postgres() {
        return postgres;
    }

    /** One number from the shared database. */
    long scalar(String sql, Object... args) throws SQLException {
        try (Connection connection = postgres.connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every node's log, for failure messages. */
    String logs() {
        StringBuilder all = new StringBuilder();
        for (ClusterNode node : nodes) {
            try {
                String log = node.log();
                all.append("\n===== ").append(node.id()).append(" =====\n")
                        .append(log.length() > 20_000 ? log.substring(log.length() - 20_000) : log);
            } catch (IOException e) {
                all.append("\n(no log for ").append(node.id()).append(")");
            }
        }
        return all.toString();
    }

    @Override
    public void close() throws Exception {
        for (ClusterNode node : nodes) {
            node.terminate();
        }
        for (ClusterNode node : nodes) {
            node.close();
        }
        postgres.close();
        if (!Boolean.getBoolean("operon.cluster.keep")) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException ignored) {
                // a temporary folder; nothing depends on its removal
            }
        } else {
            System.err.println("cluster folder kept: " + folder);
        }
    }
}
