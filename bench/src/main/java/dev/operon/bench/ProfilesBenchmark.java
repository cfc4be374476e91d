package dev.operon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Profile updates at scale: loads {@code events} synthetic events of {@code users} users (default 1M and 100k) into
 * the packaged platform's events table with COPY, then times {@code core.profiles-update} runs through the API: a
 * full update (every identity, trait and feature from scratch), an incremental one after 1 % more events, and a
 * second full update over profiles that already exist. Each figure is the run's own duration (queued to ended)
 * and the updater's measured time in its output.
 *
 * <p>Data: per user one anonymous page view, an identify joining the anonymous id (traits, consent), then tracks
 * over the last 120 days in sessions; revenue on orders; 2 % of users also come from a second device that is merged
 * in later, 0.5 % are aliased from an old user id.
 */
final class ProfilesBenchmark implements Benchmark {

    private static final String[] NAMES = {"Viewed Product", "Added to Cart", "Searched", "Order Completed",
            "Viewed Category", "Signed In", "Shared", "Rated", "Removed from Cart", "Started Checkout"};

    private final Workspace workspace;
    private final Options options;
    private final int users;
    private final int events;

    ProfilesBenchmark(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
        this.users = options.integer("users", 100_000);
        this.events = options.integer("events", 1_000_000);
    }

    @Override
    public Report run() throws Exception {
        Report report = new Report("profiles", options.all());
        Path dataDir = workspace.newDataDir("profiles");
        List<List<String>> rows = new ArrayList<>();
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("OPERON_CORE_PROFILES_REGISTER_DEFAULT_TASK", "false");
        // env=NAME=value;NAME=value: platform settings for a variant (e.g. OPERON_JAVA_OPTS=-XX:StartFlightRecording)
        for (String pair : options.text("env", "").split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        try (Platform platform = Platform.launch(workspace.repo(), dataDir, workspace.log("profiles"), env)) {
            platform.awaitReady(Duration.ofMinutes(options.integer("readyMinutes", 3)));
            OperonClient api = platform.client();
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:"
                    + new PostgresControl(dataDir).port()
                    + "/postgres", "postgres", "")) {
                long started = System.nanoTime();
                long loaded = load(db, 0, events, new Random(7));
                double loadSeconds = (System.nanoTime() - started) / 1e9;
                System.err.println("bench: loaded " + loaded + " events in " + String.format(Locale.ROOT,
                        "%.1f s", loadSeconds));
                report.put("loadSeconds", loadSeconds);
                rows.add(measure(api, db, "full, first (creates every profile)", true));
                long more = load(db, events, events / 100, new Random(11));
                rows.add(measure(api, db, "incremental after " + more + " new events", false));
                rows.add(measure(api, db, "incremental, nothing new", false));
                rows.add(measure(api, db, "full, again (profiles exist)", true));
            }
            platform.stop(true);
        } finally {
            Platform.stopAll();
            if (!options.flag("keep")) {
                Workspace.delete(dataDir);
            }
        }
        report.table("profiles-update runs, " + events + " events of " + users + " users",
                List.of("run", "run wall s", "updater s", "of which identity s", "of which features s", "events read", "profiles created", "merges",
                        "features computed", "profiles", "load avg"), rows);
        report.put("runs", rows);
        return report;
    }

    private List<String> measure(OperonClient api, Connection db, String label, boolean full) throws Exception {
        String load = Machine.loadAverage();
        long started = System.nanoTime();
        JsonNode run = api.post("/api/v1/profiles/update", Map.of("full", full), Duration.ofSeconds(60));
        long id = run.get("id").asLong();
        JsonNode ended = api.awaitRun(id, Duration.ofMillis(200));
        double wall = (System.nanoTime() - started) / 1e9;
        if (!"succeeded".equals(ended.get("state").asText())) {
            throw new IOException("run " + id + " ended " + ended.get("state").asText() + ": " + ended.get("error"));
        }
        JsonNode out = ended.get("output");
        long profiles;
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from profile where merged_into is null")) {
            rs.next();
            profiles = rs.getLong(1);
        }
        System.err.println("bench: " + label + ": " + out);
        return List.of(label, String.format(Locale.ROOT, "%.1f", wall),
                String.format(Locale.ROOT, "%.1f", out.get("millis").asLong() / 1000.0),
                String.format(Locale.ROOT, "%.1f", out.get("identityMillis").asLong() / 1000.0),
                String.format(Locale.ROOT, "%.1f", out.get("featuresMillis").asLong() / 1000.0),
                out.get("events").asText(), out.get("profilesCreated").asText(), out.get("merges").asText(),
                out.get("featuresComputed").asText(), Long.toString(profiles), load);
    }

    /** COPYs {@code count} events; returns how many. Event ids continue the sequence. */
    private long load(Connection db, long offset, int count, Random random) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EventCopy.ensurePartitions(db);
        StringBuilder batch = new StringBuilder();
        long written = 0;
        int perUser = Math.max(3, count / users);
        int user = (int) (offset % users);
        while (written < count) {
            String u = "u" + user;
            String a = "a" + user;
            Instant t = now.minus(1 + random.nextInt(119), ChronoUnit.DAYS)
                    .plusSeconds(random.nextInt(86_400));
            int n = Math.min(perUser, (int) (count - written));
            for (int i = 0; i < n; i++) {
                t = t.plusSeconds(random.nextInt(10) < 8 ? 30 + random.nextInt(600)
                        : 3_600 + random.nextInt(86_400 * 3));
                if (t.isAfter(now)) {
                    t = now.minusSeconds(random.nextInt(3600));
                }
                if (offset == 0 && i == 0) {
                    EventCopy.row(batch, "page", "Home", null, a, null, t, null, null, null);
                } else if (offset == 0 && i == 1) {
                    EventCopy.row(batch, "identify", null, u, a, null, t, null,
                            "{\"plan\": \"" + (random.nextBoolean() ? "pro" : "free") + "\", \"country\": \"c"
                                    + random.nextInt(50) + "\"}",
                            "{\"consent\": {\"marketing\": " + random.nextBoolean() + "}}");
                } else if (offset == 0 && i == 2 && user % 50 == 0) {
                    EventCopy.row(batch, "page", "Landing", null, "b" + user, null, t, null, null, null);
                } else if (offset == 0 && i == 3 && user % 50 == 0) {
                    EventCopy.row(batch, "track", "Signed In", u, "b" + user, null, t, null, null, null);
                } else if (offset == 0 && i == 2 && user % 200 == 1) {
                    EventCopy.row(batch, "alias", null, u, null, "old-u" + user, t, null, null, null);
                } else {
                    String name = NAMES[random.nextInt(NAMES.length)];
                    String props = name.equals("Order Completed")
                            ? "{\"revenue\": " + (5 + random.nextInt(200)) + "}" : "{}";
                    EventCopy.row(batch, "track", name, u, null, null, t, props, null, null);
                }
                written++;
            }
            user = (user + 1) % users;
            if (batch.length() > 8_000_000 || written >= count) {
                EventCopy.copyIn(db, batch);
                batch.setLength(0);
            }
        }
        return written;
    }
}
