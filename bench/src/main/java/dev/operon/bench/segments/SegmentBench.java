package dev.operon.bench.segments;

import dev.operon.plugins.behaviour.BehaviourPlugin;
import dev.operon.plugins.behaviour.segments.RefreshResult;
import dev.operon.plugins.behaviour.segments.RefreshSettings;
import dev.operon.plugins.behaviour.segments.SegmentRefresher;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.profiles.WindowCounts;
import dev.operon.sdk.testkit.PluginTestKit;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Segment recomputation for 1M events and 100k users (issue 4, target under 60 s), measured through the SDK: the
 * behaviour plugin in the test kit, events and profiles in the kit's in-memory stores, the plugin's tables on an
 * embedded PostgreSQL. A harness, not a test: {@code java -cp bench/target/classes:bench/target/lib/*
 * dev.operon.bench.segments.SegmentBench [users] [events] [seed]}.
 *
 * <p>Data: events per user follow a heavy-tailed (Pareto) distribution, event names a Zipf-like popularity, times
 * spread over 120 days with more recent activity, order amounts log-normal; 10% of users refused analytics. The
 * profiles' 7/30/90-day counts and RFM features are computed from the generated events, as the core would.
 */
public final class SegmentBench {

    private static final String[] NAMES = {"Page Viewed", "Product Viewed", "App Opened", "Product Added",
        "Search Performed", "Checkout Started", "Order Completed", "Article Read", "Help Viewed", "Ticket Opened",
        "Coupon Applied", "Signed Up"};
    private static final double[] POPULARITY = {30, 18, 14, 8, 8, 4, 4, 5, 3, 1.5, 1.5, 1};
    /** The span of the generated activity, in days. */
    public static final int DAYS = 120;

    /** Name and rule of the benchmark's segments (a trait, feature windows, a property filter, first/last seen). */
    public static final List<String[]> SEGMENTS = List.of(
            new String[] {"pro buyers", "{\"all\":[{\"event\":\"Order Completed\",\"count\":{\"gte\":3},"
                    + "\"within\":\"P30D\"},{\"trait\":\"plan\",\"eq\":\"pro\"}]}"},
            new String[] {"big spenders this fortnight", "{\"event\":\"Order Completed\",\"count\":{\"gte\":1},"
                    + "\"within\":\"P14D\",\"where\":{\"property\":\"amount\",\"gt\":100}}"},
            new String[] {"lapsed customers", "{\"all\":[{\"event\":\"Order Completed\",\"lastSeen\":"
                    + "{\"before\":\"P45D\"}},{\"feature\":\"days_since_last_seen\",\"gte\":14}]}"},
            new String[] {"new in France or Germany", "{\"all\":[{\"event\":\"Signed Up\",\"firstSeen\":"
                    + "{\"within\":\"P21D\"}},{\"trait\":\"country\",\"in\":[\"FR\",\"DE\"]}]}"},
            new String[] {"engaged browsers, no order", "{\"all\":[{\"feature\":\"sessions\",\"gte\":5},"
                    + "{\"not\":{\"event\":\"Order Completed\",\"count\":{\"gte\":1},\"within\":\"P90D\"}},"
                    + "{\"event\":\"Product Viewed\",\"count\":{\"gte\":5},\"within\":\"P10D\"}]}"});

    private SegmentBench() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        System.out.printf(Locale.ROOT, "segment bench: %,d users, %,d events, seed %d, load average %.2f%n", users,
                events, seed, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (PluginTestKit kit = PluginTestKit.start(new BehaviourPlugin())) {
            long t0 = System.nanoTime();
            generate(kit, users, events, seed, now.minus(Duration.ofMinutes(10)));
            System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            for (String[] segment : SEGMENTS) {
                kit.call("create-segment", Map.of("name", segment[0], "rule", segment[1]));
            }
            kit.data().dataSource();   // database and migrations before timing
            SegmentRefresher refresher = new SegmentRefresher(kit.data(), kit.events(), kit.profiles(),
                    RefreshSettings.from(kit.config()));
            report("first full computation (every member entered, recorded and emitted)",
                    refresher.refresh(now, false, (p, m) -> { }, () -> false));
            report("full recomputation (steady state)",
                    refresher.refresh(now.plusSeconds(60), true, (p, m) -> { }, () -> false));
            Random random = new Random(seed + 1);
            Instant later = now.plus(Duration.ofMinutes(5));
            for (int i = 0; i < 10_000; i++) {
                long id = 1 + random.nextInt(users);
                kit.events().track(id, pick(random), later.minusSeconds(random.nextInt(240)),
                        Map.of("amount", amount(random)));
            }
            report("incremental after 10,000 new events (5 minutes later)",
                    refresher.refresh(later, false, (p, m) -> { }, () -> false));
            // 23 hours: before the daily full pass falls due, so only profiles whose windows moved are evaluated
            report("incremental, 23 hours later (window expiry only)",
                    refresher.refresh(later.plus(Duration.ofHours(23)), false, (p, m) -> { }, () -> false));
        }
        System.exit(0);
    }

    private static void report(String what, RefreshResult r) {
        System.out.printf(Locale.ROOT, "%-58s %7.2f s  mode=%s profiles=%,d eventsRead=%,d entered=%,d exited=%,d"
                        + " emitted=%,d%n", what, r.seconds(), r.mode(), r.profilesEvaluated(), r.eventsRead(),
                r.entered(), r.exited(), r.eventsEmitted());
        r.segments().forEach(s -> System.out.printf(Locale.ROOT, "    %-30s %,8d%n", s.name(), s.size()));
    }

    private static void generate(PluginTestKit kit, int users, int events, long seed, Instant now) {
        Random random = new Random(seed);
        int[] perUser = eventsPerUser(users, events, random);
        generate(kit, users, perUser, random, now);
    }

    /** Events per user, Pareto (alpha 1.3), at least one each, {@code events} in all. */
    public static int[] eventsPerUser(int users, int events, Random random) {
        double[] weights = new double[users];
        double total = 0;
        for (int i = 0; i < users; i++) {
            weights[i] = Math.pow(1 - random.nextDouble(), -1 / 1.3);   // Pareto, alpha 1.3
            total += weights[i];
        }
        int[] perUser = new int[users];
        int assigned = 0;
        for (int i = 0; i < users; i++) {
            perUser[i] = Math.max(1, (int) Math.round(weights[i] / total * events));
            assigned += perUser[i];
        }
        while (assigned > events) {                      // trim the excess from random users with more than one
            int i = random.nextInt(users);
            if (perUser[i] > 1) {
                perUser[i]--;
                assigned--;
            }
        }
        while (assigned < events) {
            perUser[random.nextInt(users)]++;
            assigned++;
        }
        return perUser;
    }

    private static void generate(PluginTestKit kit, int users, int[] perUser, Random random, Instant now) {
        String[] countries = {"US", "FR", "DE", "GB", "CN", "BR"};
        for (int i = 0; i < users; i++) {
            long id = i + 1;
            Map<String, Object> traits = new HashMap<>();
            traits.put("plan", random.nextDouble() < 0.25 ? "pro" : "free");
            traits.put("country", countries[random.nextInt(countries.length)]);
            Consent consent = random.nextDouble() < 0.9 ? new Consent(Map.of(Consent.ANALYTICS, true))
                    : new Consent(Map.of(Consent.ANALYTICS, false));
            // activity concentrated in a user's own recent-ish period
            double activeFrom = random.nextDouble() * DAYS;
            Map<String, long[]> counts = new HashMap<>();
            List<Instant> times = new ArrayList<>();
            long revenueEvents = 0;
            double monetary = 0;
            Instant lastRevenue = null;
            Profile placeholder = new Profile(id, "user-" + id, List.of(), traits, ProfileFeatures.none(now),
                    consent, Map.of(), now, now);
            kit.profiles().put(placeholder);
            for (int e = 0; e < perUser[i]; e++) {
                double daysAgo = activeFrom * Math.pow(random.nextDouble(), 1.5);
                Instant at = now.minusSeconds((long) (daysAgo * 86_400));
                String name = e == 0 ? "Signed Up" : pick(random);
                Map<String, Object> properties = Map.of();
                if (name.equals("Order Completed")) {
                    double amount = amount(random);
                    properties = Map.of("amount", amount);
                    revenueEvents++;
                    monetary += amount;
                    lastRevenue = lastRevenue == null || at.isAfter(lastRevenue) ? at : lastRevenue;
                }
                kit.events().track(id, name, at, properties);
                times.add(at);
                long[] c = counts.computeIfAbsent(name, k -> new long[3]);
                c[0] += daysAgo <= 7 ? 1 : 0;
                c[1] += daysAgo <= 30 ? 1 : 0;
                c[2] += daysAgo <= 90 ? 1 : 0;
            }
            times.sort(null);
            long sessions = 0;
            for (int t = 0; t < times.size(); t++) {
                if (t == 0 || Duration.between(times.get(t - 1), times.get(t)).toMinutes() > 30) {
                    sessions++;
                }
            }
            Map<String, WindowCounts> windows = new HashMap<>();
            counts.forEach((name, c) -> windows.put(name, new WindowCounts(c[0], c[1], c[2])));
            Double recency = lastRevenue == null ? null : Duration.between(lastRevenue, now).toSeconds() / 86_400.0;
            ProfileFeatures features = new ProfileFeatures(times.get(0), times.get(times.size() - 1), times.size(),
                    sessions, windows, revenueEvents, monetary, recency, now);
            kit.profiles().put(new Profile(id, "user-" + id, List.of(), traits, features, consent, Map.of(), now,
                    now));
        }
    }

    /** An event name by its popularity. */
    public static String pick(Random random) {
        double sum = 0;
        for (double p : POPULARITY) {
            sum += p;
        }
        double x = random.nextDouble() * sum;
        for (int i = 0; i < NAMES.length; i++) {
            x -= POPULARITY[i];
            if (x <= 0) {
                return NAMES[i];
            }
        }
        return NAMES[0];
    }

    /** An order amount, log-normal. */
    public static double amount(Random random) {
        return Math.round(Math.exp(3.6 + 0.8 * random.nextGaussian()) * 100) / 100.0;   // median about 37
    }
}
