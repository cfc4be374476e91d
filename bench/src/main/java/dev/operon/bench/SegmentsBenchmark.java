package dev.operon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.bench.segments.SegmentBench;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Segment recomputation for 1M events and 100k users (issue 4, target under 60 s) on the real platform: the packaged
 * {@code ./operon serve} with its embedded PostgreSQL, the events COPYed into the core's partitioned {@code event}
 * table, profiles (identities, traits, consent, computed features) built by the core's {@code profiles-update}, and
 * the behaviour plugin's {@code refresh-segments} operation called over HTTP, which reads events and profiles through
 * the SDK as in production.
 *
 * <p>Data (the distribution of {@link SegmentBench}, the earlier in-memory harness): per user one {@code identify}
 * with traits {@code plan} (25 % pro) and {@code country}, and a consent context (10 % refuse analytics), then
 * {@code Signed Up} and tracked events; events per user Pareto (alpha 1.3), names Zipf-like over 12 names, times
 * over 120 days skewed recent, order amounts log-normal (median about 37) in {@code amount} and {@code revenue}.
 * Segments: the five of {@link SegmentBench} plus one with {@code any}, a segment reference and a feature.
 *
 * <p>Steps timed: the first refresh (every profile, every member entered, recorded and emitted as an event), a
 * forced full recomputation in the steady state, and an incremental refresh after 10,000 new events and an
 * incremental profile update.
 */
final class SegmentsBenchmark implements Benchmark {

    private static final String OPERATIONS = "/api/v1/plugins/behaviour/operations/";
    private static final double TARGET_SECONDS = 60;

    private final Workspace workspace;
    private final Options options;
    private final int users;
    private final int events;

    SegmentsBenchmark(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
        this.users = options.integer("users", 100_000);
        this.events = options.integer("events", 1_000_000);
    }

    @Override
    public Report run() throws Exception {
        Report report = new Report("segments", options.all());
        Path dataDir = workspace.newDataDir("segments");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPERON_CORE_PROFILES_REGISTER_DEFAULT_TASK", "false");
        List<List<String>> rows = new ArrayList<>();
        try (Platform platform = Platform.launch(workspace.repo(), dataDir, workspace.log("segments"), env)) {
            platform.awaitReady(Duration.ofMinutes(options.integer("readyMinutes", 3)));
            OperonClient api = platform.client();
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:"
                    + new PostgresControl(dataDir).port()
                    + "/postgres", "postgres", "")) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                long started = System.nanoTime();
                long loaded = load(db, now, new Random(options.integer("seed", 7)));
                report.put("loadSeconds", (System.nanoTime() - started) / 1e9);
                System.err.printf(Locale.ROOT, "bench: loaded %,d events of %,d users in %.1f s%n", loaded, users,
                        (System.nanoTime() - started) / 1e9);
                double profileSeconds = updateProfiles(api, true);
                report.put("profilesFullSeconds", profileSeconds);
                System.err.printf(Locale.ROOT, "bench: profiles built in %.1f s (not part of the target)%n",
                        profileSeconds);
                long first = -1;
                for (String[] segment : SegmentBench.SEGMENTS) {
                    JsonNode created = api.post(OPERATIONS + "create-segment",
                            Map.of("name", segment[0], "rule", segment[1]), Duration.ofSeconds(60));
                    first = first < 0 ? created.get("id").asLong() : first;
                }
                api.post(OPERATIONS + "create-segment", Map.of("name", "pro buyers or big lifetime spend",
                        "rule", "{\"any\":[{\"segment\":" + first + "},{\"feature\":\"monetary\",\"gte\":500}]}"),
                        Duration.ofSeconds(60));
                rows.add(refresh(api, report, "first computation (every member entered, recorded, emitted)",
                        false));
                rows.add(refresh(api, report, "full recomputation (steady state, forced)", true));
                long added = addEvents(db, Instant.now().truncatedTo(ChronoUnit.SECONDS), 10_000,
                        new Random(11));
                double incremental = updateProfiles(api, false);
                System.err.printf(Locale.ROOT, "bench: %,d new events, incremental profile update %.1f s%n", added,
                        incremental);
                if (!"false".equals(options.all().get("explain"))) {
                    diagnose(db, report);
                }
                rows.add(refresh(api, report, "incremental after " + added + " new events (and a profile update)",
                        false));
                try (Statement s = db.createStatement();
                     ResultSet rs = s.executeQuery("select count(*), count(distinct user_id) from event")) {
                    rs.next();
                    report.put("eventsStored", rs.getLong(1));
                    report.put("usersStored", rs.getLong(2));
                }
            }
            platform.stop(true);
        } finally {
            Platform.stopAll();
            if (!options.flag("keep")) {
                try {
                    Workspace.delete(dataDir);
                } catch (IOException e) {   // a server still stopping must not hide why the run failed
                    System.err.println("bench: could not delete " + dataDir + ": " + e);
                }
            }
        }
        report.table("refresh-segments over " + events + " events of " + users + " users (embedded PostgreSQL)",
                List.of("step", "HTTP wall s", "refresh s", "mode", "profiles evaluated", "events read", "entered",
                        "exited", "emitted", "load avg before", "verdict (< 60 s)"), rows);
        report.put("runs", rows);
        return report;
    }

    private List<String> refresh(OperonClient api, Report report, String label, boolean full) throws Exception {
        String load = Machine.loadAverage();
        long started = System.nanoTime();
        JsonNode r = api.post(OPERATIONS + "refresh-segments", Map.of("full", full), Duration.ofMinutes(30));
        double wall = (System.nanoTime() - started) / 1e9;
        System.err.println("bench: " + label + ": " + r);
        report.note(label + ": sizes " + r.get("segments"));
        return List.of(label, String.format(Locale.ROOT, "%.1f", wall),
                String.format(Locale.ROOT, "%.1f", r.get("seconds").asDouble()), r.get("mode").asText(),
                r.get("profilesEvaluated").asText(), r.get("eventsRead").asText(), r.get("entered").asText(),
                r.get("exited").asText(), r.get("eventsEmitted").asText(), load,
                wall < TARGET_SECONDS ? "pass" : "FAIL");
    }

    /** What the core's {@code ProfileReader} selects per profile (its COLUMNS and FROM), for the diagnosis. */
    private static final String PROFILE_SELECT = """
            select p.id, p.user_id, p.traits, p.consent, p.created_at, p.updated_at,
            (select array_agg(i.value order by i.value) from profile_identity i
              where i.profile_id = p.id and i.kind = 'anonymous') as anonymous_ids,
            f.first_seen, f.last_seen, f.events, f.sessions, f.counts, f.frequency, f.monetary, f.last_revenue_at,
            f.computed_at,
            (select jsonb_object_agg(s.name, s.score) from profile_score s where s.profile_id = p.id) as scores
            from profile p left join profile_features f on f.profile_id = p.id""";
    /** What the core's {@code PluginEventAccess} selects per event (ProfileEvents.EVENT_COLUMNS). */
    private static final String EVENT_SELECT = """
            select e.id, e.message_id, e.type, e.name, e.user_id, e.anonymous_id, e.ts, e.received_at, e.properties,
            e.traits, e.context,
            coalesce((select i.profile_id from profile_identity i where i.kind = 'user' and i.value = e.user_id),
                     case when e.user_id is null then (select i.profile_id from profile_identity i
                          where i.kind = 'anonymous' and i.value = e.anonymous_id) end) as profile_id
            from event e""";

    /**
     * Before the incremental refresh: the plans of the queries its change detection runs (profiles updated since
     * the last refresh, events after the cursor) and the cost of reading changed profiles one at a time as the
     * refresh did before it streamed them (two statements per profile, as {@code Profiles.get} runs them).
     */
    private void diagnose(Connection db, Report report) throws Exception {
        Map<String, String> state = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select key, value from behaviour_state")) {
            while (rs.next()) {
                state.put(rs.getString(1), rs.getString(2));
            }
        }
        Instant since = Instant.parse(state.get("segments.profiles-since")).minus(Duration.ofMinutes(1));
        long cursor = Long.parseLong(state.get("segments.event-cursor"));
        java.sql.Timestamp sinceTs = java.sql.Timestamp.from(since);
        explain(db, report, "profiles updated since the last refresh", PROFILE_SELECT
                + " where p.merged_into is null and p.id > 0 and p.updated_at >= ? order by p.id", sinceTs);
        explain(db, report, "events after the cursor", EVENT_SELECT + " where e.id > ? and e.name = any(?)"
                + " order by e.id", Math.max(0, cursor - 1000),
                new String[] {"Order Completed", "Signed Up", "Product Viewed"});
        List<Long> changed = new ArrayList<>();
        try (java.sql.PreparedStatement s = db.prepareStatement("select id from profile where merged_into is null"
                + " and updated_at >= ? order by id")) {
            s.setTimestamp(1, sinceTs);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changed.add(rs.getLong(1));
                }
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        explain(db, report, "one profile read (Profiles.get, second statement)", PROFILE_SELECT + " where p.id = ?",
                changed.get(0));
        int sample = Math.min(2000, changed.size());
        long started = System.nanoTime();
        for (int i = 0; i < sample; i++) {
            long id = changed.get(i * changed.size() / sample);
            try (java.sql.PreparedStatement live = db.prepareStatement(
                    "select coalesce(merged_into, id) from profile where id = ?")) {
                live.setLong(1, id);
                try (ResultSet rs = live.executeQuery()) {
                    rs.next();
                }
            }
            try (java.sql.PreparedStatement one = db.prepareStatement(PROFILE_SELECT + " where p.id = ?")) {
                one.setLong(1, id);
                try (ResultSet rs = one.executeQuery()) {
                    while (rs.next()) {
                        rs.getString("traits");
                    }
                }
            }
        }
        double perProfileMs = (System.nanoTime() - started) / 1e6 / sample;
        String line = String.format(Locale.ROOT, "profiles updated since the last refresh: %,d; one-at-a-time read"
                + " (2 statements, 2 round trips, one connection, no pool) %.2f ms per profile over %,d of them:"
                + " %.1f s for all, load %s", changed.size(), perProfileMs, sample,
                perProfileMs * changed.size() / 1000, Machine.loadAverage());
        System.err.println("bench: " + line);
        report.note(line);
        report.put("updatedProfiles", changed.size());
        report.put("perProfileReadMs", perProfileMs);
    }

    private static void explain(Connection db, Report report, String label, String sql, Object... args)
            throws Exception {
        try (java.sql.PreparedStatement s = db.prepareStatement("explain (analyze, buffers, timing off) " + sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String[] names) {
                    s.setArray(i + 1, db.createArrayOf("text", names));
                } else {
                    s.setObject(i + 1, args[i]);
                }
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            System.err.println("bench: plan of " + label + ":\n" + plan);
            report.note("plan of " + label + ": " + plan.toString().replace('\n', ' '));
        }
    }

    private static double updateProfiles(OperonClient api, boolean full) throws Exception {
        long started = System.nanoTime();
        long id = api.post("/api/v1/profiles/update", Map.of("full", full), Duration.ofSeconds(60)).get("id")
                .asLong();
        JsonNode run = api.awaitRun(id, Duration.ofMillis(250));
        String state = run.get("state").asText();
        if (!"succeeded".equals(state)) {
            throw new IOException("profiles-update run " + id + " ended " + state + ": " + run.get("error"));
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** COPYs the users' identifies and events; returns how many rows. */
    private long load(Connection db, Instant now, Random random) throws Exception {
        EventCopy.ensurePartitions(db);
        int[] perUser = SegmentBench.eventsPerUser(users, events, random);
        StringBuilder batch = new StringBuilder();
        String[] countries = {"US", "FR", "DE", "GB", "CN", "BR"};
        long written = 0;
        for (int i = 0; i < users; i++) {
            String user = "user-" + (i + 1);
            String plan = random.nextDouble() < 0.25 ? "pro" : "free";
            String country = countries[random.nextInt(countries.length)];
            boolean analytics = random.nextDouble() < 0.9;
            double activeFrom = random.nextDouble() * SegmentBench.DAYS;
            List<Instant> times = new ArrayList<>();
            for (int e = 0; e < perUser[i]; e++) {
                double daysAgo = activeFrom * Math.pow(random.nextDouble(), 1.5);
                times.add(now.minusSeconds((long) (daysAgo * 86_400)));
            }
            times.sort(null);
            // the identify comes first, so traits and consent are there from the start
            EventCopy.row(batch, "identify", null, user, null, null, times.get(0), null,
                    "{\"plan\": \"" + plan + "\", \"country\": \"" + country + "\"}",
                    "{\"consent\": {\"analytics\": " + analytics + "}}");
            for (int e = 1; e < times.size(); e++) {
                String name = e == 1 ? "Signed Up" : SegmentBench.pick(random);
                EventCopy.row(batch, "track", name, user, null, null, times.get(e), properties(name, random), null,
                        null);
            }
            written += times.size();
            if (batch.length() > 8_000_000) {
                EventCopy.copyIn(db, batch);
                batch.setLength(0);
            }
        }
        EventCopy.copyIn(db, batch);
        return written;
    }

    private long addEvents(Connection db, Instant now, int count, Random random) throws Exception {
        EventCopy.ensurePartitions(db);
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String name = SegmentBench.pick(random);
            EventCopy.row(batch, "track", name, "user-" + (1 + random.nextInt(users)), null, null,
                    now.minusSeconds(random.nextInt(240)), properties(name, random), null, null);
        }
        EventCopy.copyIn(db, batch);
        return count;
    }

    private static String properties(String name, Random random) {
        if (!name.equals("Order Completed")) {
            return "{}";
        }
        double amount = SegmentBench.amount(random);
        return "{\"amount\": " + amount + ", \"revenue\": " + amount + "}";
    }
}
