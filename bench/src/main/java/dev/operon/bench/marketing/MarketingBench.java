package dev.operon.bench.marketing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.operon.plugins.marketing.MarketingPlugin;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.dryrun.DryRun;
import dev.operon.plugins.marketing.sending.SendTask;
import dev.operon.plugins.notify.NotifyPlugin;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.TestProfiles;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The marketing plugin's two speed targets (issue 9), measured through the SDK: the plugin in the test kit (events
 * and profiles in the kit's in-memory stores, its tables on an embedded PostgreSQL).
 * <ul>
 * <li>audience evaluation for 100k users (target under 10 s): a dry run (segment membership replayed from the
 * behaviour plugin's Segment Entered/Exited events, hash assignment, consent, suppression, budget and quiet-hour
 * checks, overlap with another campaign) and the planning of a real run (100k rows with their idempotency keys);</li>
 * <li>e-mails per second into a loopback SMTP server (target at least 500/s): a campaign sent through the notify
 * plugin's {@code notify.email} channel, every guardrail on, no rate limit, into each receiver of {@code receivers}
 * in turn: {@code noop} (a channel that does nothing: the plugin's own cost), {@code sink} ({@link SmtpSink}, a
 * minimal SMTP server in its own JVM on 127.0.0.1: the send rate into a loopback SMTP server) and {@code greenmail}
 * (GreenMail in this JVM, which parses and stores every message: checks that the messages arrive whole, but takes
 * CPU from the sender). Each phase prints the CPU time per message: this JVM by thread group, the PostgreSQL server
 * (the kit's embedded one) and the sink's process.</li>
 * </ul>
 * A harness, not a test: {@code java -Xmx2g -cp "bench/target/classes:bench/target/lib/*"
 * dev.operon.bench.marketing.MarketingBench [users=100000] [mails=5000] [concurrency=1,4,8]
 * [receivers=noop,sink,greenmail]}, or {@code bench/run.sh marketing [same options] [skipBuild=true]}.
 */
public final class MarketingBench {

    private MarketingBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        int users = Integer.parseInt(options.getOrDefault("users", "100000"));
        int mails = Integer.parseInt(options.getOrDefault("mails", "5000"));
        int[] concurrency = java.util.Arrays.stream(options.getOrDefault("concurrency", "1,4,8").split(","))
                .mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "marketing bench: %,d users for the audience, %,d e-mails, %d cores,"
                        + " load average %.2f at start%n", users, mails, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (users > 0) {
            audience(users);
        }
        if (options.containsKey("receivers")) {
            receivers = List.of(options.get("receivers").split(","));
        }
        for (int c : concurrency) {
            email(mails, c);
        }
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0);
    }

    private static PluginTestKit kit(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("unsubscribe-secret", "bench", "rate-limit-email", "0",
                "contact-budget", "3", "quiet-hours-start", "21:00", "quiet-hours-end", "08:00", "batch-size", "500"));
        config.putAll(extra);
        return PluginTestKit.start(new MarketingPlugin(), config);
    }

    /**
     * {@code users} profiles; a share of them in segment 7, a tenth of those left again; 30 % in segment 8; 5 % without
     * marketing consent; time zones spread over five.
     */
    private static void population(PluginTestKit kit, int users, double inSegment) {
        Random random = new Random(7);
        String[] zones = {"Europe/Paris", "America/New_York", "Asia/Shanghai", "Asia/Tokyo", "America/Los_Angeles"};
        Instant now = Instant.now();
        Consent noMarketing = new Consent(Map.of(Consent.ANALYTICS, true, Consent.MARKETING, false));
        for (long id = 1; id <= users; id++) {
            Map<String, Object> traits = Map.of("email", "u" + id + "@example.com", "first_name", "User" + id,
                    "timezone", zones[random.nextInt(zones.length)]);
            kit.profiles().put(new Profile(id, "user-" + id, List.of(), traits, null,
                    random.nextDouble() < 0.05 ? noMarketing : TestProfiles.ALLOW_ALL, Map.of(), now, now));
            if (random.nextDouble() < inSegment) {
                kit.events().track(id, "Segment Entered", now.minusSeconds(3600), Map.of("segment_id", 7L));
                if (random.nextDouble() < 0.1) {
                    kit.events().track(id, "Segment Exited", now.minusSeconds(60), Map.of("segment_id", 7L));
                }
            }
            if (random.nextDouble() < 0.3) {
                kit.events().track(id, "Segment Entered", now.minusSeconds(1800), Map.of("segment_id", 8L));
            }
        }
    }

    private static Map<String, Object> campaign(String name, String segment) {
        return Map.of("name", name, "channel", "email", "segmentId", segment, "schedule", "once",
                "sendAt", Instant.now().toString(), "holdoutPercent", 10.0,
                "variants", List.of(Map.of("name", "A", "subject", "Hello {user.first_name}",
                        "text", "Hi {user.first_name}, our spring sale starts today. Unsubscribe: {unsubscribeUrl}",
                        "html", "<p>Hi {user.first_name},</p><p>our spring sale starts today.</p>"
                                + "<p><a href=\"{unsubscribeUrl}\">Unsubscribe</a></p>")));
    }

    private static Campaign scheduled(PluginTestKit kit, Map<String, Object> input) throws Exception {
        Campaign k = kit.call("create-campaign", input, Role.OPERATOR);
        kit.call("approve-campaign", Map.of("id", k.id()), Role.ADMIN);
        return kit.call("schedule-campaign", Map.of("id", k.id()), Role.OPERATOR);
    }

    private static void audience(int users) throws Exception {
        try (PluginTestKit kit = kit(Map.of("sending-enabled", "false"))) {
            long t0 = System.nanoTime();
            population(kit, users, 1.0);
            System.out.printf(Locale.ROOT, "population: %,d profiles, %,d membership events in %.1f s%n", users,
                    kit.events().all().size(), (System.nanoTime() - t0) / 1e9);
            scheduled(kit, campaign("other", "8"));
            Campaign k = scheduled(kit, campaign("spring", "7"));
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                DryRun.Output out = kit.call("dry-run", Map.of("id", k.id()));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "dry run %d: %.2f s (audience %,d, holdout %,d, eligible %,d,"
                                + " consent %,d, quiet hours %,d, overlap %s)%n", round, seconds, out.audience(),
                        out.holdout(), out.eligible(), out.droppedConsent(), out.deferredQuietHours(),
                        out.overlap().isEmpty() ? "none" : out.overlap().get(0).sharedUsers());
            }
            long start = System.nanoTime();
            SendTask.Output plan = kit.<SendTask.Output>runTask("marketing.send", Map.of("campaignId", k.id())).output();
            System.out.printf(Locale.ROOT, "planning the run (sending disabled): %,d rows in %.2f s%n", plan.planned(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** The receivers to measure, in order: {@code noop}, {@code sink} (own process), {@code greenmail}. */
    private static List<String> receivers = List.of("noop", "sink", "greenmail");

    private static void email(int mails, int concurrency) throws Exception {
        GreenMail smtp = null;
        SinkProcess sink = null;
        try {
            for (String receiver : receivers) {
                Channel channel;
                PluginTestKit notify = null;
                switch (receiver) {
                    case "noop" -> channel = new Channel() {
                        public String id() {
                            return "notify.email";
                        }

                        public String title() {
                            return "does nothing";
                        }

                        public Delivery send(Message message) {
                            return Delivery.ok("dropped");
                        }
                    };
                    case "sink" -> {
                        if (sink == null) {
                            sink = SinkProcess.start();
                        }
                        notify = notifyKit(sink.port);
                        channel = emailChannel(notify);
                    }
                    case "greenmail" -> {
                        if (smtp == null) {
                            ServerSetup setup = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
                            // a loaded machine can take longer than GreenMail's default 2 s to start it
                            setup.setServerStartupTimeout(120_000);
                            smtp = new GreenMail(setup);
                            smtp.start();
                        }
                        notify = notifyKit(smtp.getSmtp().getPort());
                        channel = emailChannel(notify);
                    }
                    default -> throw new IllegalArgumentException("receiver " + receiver
                            + ": noop, sink or greenmail");
                }
                try {
                    deliver(mails, concurrency, receiver, channel, smtp, sink);
                } finally {
                    if (notify != null) {
                        notify.close();
                    }
                }
            }
        } finally {
            if (smtp != null) {
                smtp.stop();
            }
            if (sink != null) {
                sink.close();
            }
        }
    }

    private static PluginTestKit notifyKit(int port) {
        return PluginTestKit.start(new NotifyPlugin(), Map.of("smtp-host", "127.0.0.1",
                "smtp-port", Integer.toString(port), "smtp-security", "none", "from", "Shop <shop@example.com>"));
    }

    private static Channel emailChannel(PluginTestKit notify) {
        return notify.plugin().channels().stream().filter(c -> c.id().equals("notify.email")).findFirst()
                .orElseThrow();
    }

    private static String threadGroup(String name) {
        if (name.startsWith("marketing-delivery")) {
            return "delivery workers";
        }
        if (name.startsWith("smtp")) {
            return "GreenMail";
        }
        if (name.equals("main") || name.contains("task")) {
            return "claim+record";
        }
        if (name.contains("GC") || name.contains("G1")) {
            return "GC";
        }
        if (name.contains("Compiler")) {
            return "JIT";
        }
        return "other";
    }

    private static void deliver(int mails, int concurrency, String receiver, Channel channel, GreenMail smtp,
                                SinkProcess sink) throws Exception {
        try (PluginTestKit kit = kit(Map.of("quiet-hours-start", "", "send-concurrency",
                Integer.toString(concurrency)))) {
            kit.channels().add(channel);
            population(kit, (int) (mails / 0.9) + 1, 1.0);
            Campaign k = scheduled(kit, campaign("mail " + receiver, "7"));
            // plan first (sending disabled), then time the delivery alone
            kit.configure("sending-enabled", "false");
            long planStart = System.nanoTime();
            long planned = kit.<SendTask.Output>runTask("marketing.send", Map.of("campaignId", k.id()))
                    .output().planned();
            System.out.printf(Locale.ROOT, "planned %,d rows in %.2f s%n", planned,
                    (System.nanoTime() - planStart) / 1e9);
            kit.configure("sending-enabled", "true");
            int receivedBefore = smtp == null ? 0 : smtp.getReceivedMessages().length;
            long[] sinkBefore = sink == null ? null : sink.stats();
            CpuMeter meter = new CpuMeter(MarketingBench::threadGroup, kit.data().dataSource());
            CpuMeter.Snapshot cpuBefore = meter.now();
            long start = System.nanoTime();
            SendTask.Output out = kit.<SendTask.Output>runTask("marketing.send",
                    Map.of("campaignId", k.id())).output();
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuMeter.Snapshot cpuAfter = meter.now();
            long[] sinkAfter = "sink".equals(receiver) ? sink.stats() : null;
            String into = switch (receiver) {
                case "noop" -> "a channel doing nothing";
                case "sink" -> "the SMTP sink (own process) on 127.0.0.1";
                default -> "GreenMail (same JVM) on 127.0.0.1";
            };
            long sent = out.report().sent();
            System.out.printf(Locale.ROOT, "e-mail into %s, send-concurrency %d: %,d sent in %.2f s = %.0f e-mails/s"
                            + " (planned %,d incl. holdout, skipped %,d, failed %,d, retrying %,d; load average %.2f)%n",
                    into, concurrency, sent, seconds, sent / seconds, planned, out.report().skipped(),
                    out.report().failed(), out.report().retrying(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println("  " + CpuMeter.perMessage(cpuBefore, cpuAfter, sent,
                    sinkAfter == null ? -1 : sinkAfter[2] - sinkBefore[2]));
            if ("greenmail".equals(receiver)) {
                System.out.printf(Locale.ROOT, "  GreenMail received %,d messages%n",
                        smtp.getReceivedMessages().length - receivedBefore);
            }
            if (sinkAfter != null) {
                System.out.printf(Locale.ROOT, "  SMTP sink received %,d messages, %,d bytes, over %,d connections"
                                + " in total%n", sinkAfter[0] - sinkBefore[0], sinkAfter[1] - sinkBefore[1],
                        sinkAfter[3]);
            }
        }
    }

    /** {@link SmtpSink} in its own JVM, on a free port of 127.0.0.1. */
    private static final class SinkProcess implements AutoCloseable {
        final Process process;
        final int port;
        final java.io.BufferedReader out;
        final java.io.PrintWriter in;

        private SinkProcess(Process process) throws java.io.IOException {
            this.process = process;
            this.out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            this.in = new java.io.PrintWriter(process.getOutputStream(), true, java.nio.charset.StandardCharsets.US_ASCII);
            String first = out.readLine();
            if (first == null || !first.startsWith("listening ")) {
                throw new IllegalStateException("the SMTP sink did not start: " + first);
            }
            this.port = Integer.parseInt(first.substring("listening ".length()).trim());
        }

        static SinkProcess start() throws java.io.IOException {
            String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(javaBin, "-Xmx128m", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), SmtpSink.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new SinkProcess(p);
        }

        /** messages, bytes, CPU nanoseconds of the sink process, connections. */
        long[] stats() throws java.io.IOException {
            in.println("stats");
            String line = out.readLine();
            String[] f = line.split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4])};
        }

        @Override
        public void close() throws Exception {
            in.close();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroy();
            }
        }
    }
}
