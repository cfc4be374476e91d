package dev.operon.plugins.marketing.sending;

import dev.operon.plugins.marketing.MarketingConfig;
import dev.operon.plugins.marketing.audience.SegmentAudience;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.plugins.marketing.campaigns.Variant;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.recommend.Recommendations;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * Delivers the due messages of a campaign, batch by batch. Each batch is claimed in one transaction (guardrails
 * checked under per-profile budget locks, rows marked {@code sending} with their idempotency key and contact time),
 * committed, then handed to the channel, then the outcomes are recorded in a second transaction. A pass that dies
 * between the two leaves rows in {@code sending}: the next pass sends exactly those again with the same idempotency
 * key (a channel honouring {@link Message#idempotencyKey()} delivers them once) and never picks anyone else twice.
 * Thread-safe: one instance per plugin.
 */
public final class Sender {

    /** Advisory-lock class id of the one-pass-per-campaign lock ("mku"). */
    private static final int CAMPAIGN_LOCK = 0x6d6b75;

    private final MessageRenderer renderer;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "marketing-delivery");
        t.setDaemon(true);
        return t;
    });
    private volatile String storedSecret;

    public Sender(MessageRenderer renderer) {
        this.renderer = renderer;
    }

    /** Stops the delivery workers (plugin shutdown). */
    public void close() {
        pool.shutdownNow();
    }

    public MessageRenderer renderer() {
        return renderer;
    }

    /** One row being delivered. */
    private record Row(long id, long profileId, String variant, int attempts, String runKey, String key,
                       String recipient, Profile profile) {
    }

    private enum Result { SENT, RETRY, BOUNCED, FAILED }

    private record Outcome(Row row, Result result, String detail, String title, String body) {
    }

    /**
     * Delivers every message of the campaign that is due now.
     *
     * @param cancelled polled between batches
     * @param progress  told the number of rows handled so far
     */
    public SendReport deliver(PluginScope s, long campaignId, BooleanSupplier cancelled, LongConsumer progress)
            throws SQLException {
        DataSource ds = s.data().dataSource();
        try (Connection lock = ds.getConnection()) {
            if (!campaignLock(lock, campaignId, true)) {
                return new SendReport(0, 0, 0, 0, 0, 0, 0, "another pass is delivering this campaign");
            }
            try {
                return deliverLocked(s, campaignId, cancelled, progress);
            } finally {
                campaignLock(lock, campaignId, false);
            }
        }
    }

    /**
     * Takes or releases the session advisory lock that lets one delivery pass per campaign run in the cluster; a
     * dead node's lock goes with its connection.
     */
    private static boolean campaignLock(Connection c, long campaignId, boolean take) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(take ? "SELECT pg_try_advisory_lock(?, ?)"
                : "SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, CAMPAIGN_LOCK);
            ps.setInt(2, (int) (campaignId % Integer.MAX_VALUE));
            try (ResultSet r = ps.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private SendReport deliverLocked(PluginScope s, long campaignId, BooleanSupplier cancelled, LongConsumer progress)
            throws SQLException {
        DataSource ds = s.data().dataSource();
        SendReport report = SendReport.NONE;
        long handled = 0;
        Optional<Set<Long>> liveMembers = Optional.empty();
        SendReport resumed = resume(s, campaignId);
        report = report.plus(resumed);
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new dev.operon.sdk.task.TaskCancelledException();
            }
            Campaign k;
            try (Connection c = ds.getConnection()) {
                k = CampaignStore.get(c, campaignId, false).orElse(null);
            }
            String stop = stopReason(s, k);
            if (stop != null) {
                return new SendReport(report.sent(), report.resent(), report.retrying(), report.failed(),
                        report.bounced(), report.deferred(), report.skipped(), stop);
            }
            if (k.live() && k.segmentId() != null && liveMembers.isEmpty()) {
                liveMembers = Optional.of(SegmentAudience.members(s.events(), k.segmentId()));
            }
            Claim claim = claim(s, k, liveMembers.orElse(null));
            if (claim.seen == 0) {
                return report;
            }
            List<Outcome> outcomes = send(s, k, claim.rows);
            SendReport batch = record(s, k, outcomes);
            report = report.plus(batch).plus(new SendReport(0, 0, 0, 0, 0, claim.deferred, claim.skipped, null));
            handled += claim.seen;
            progress.accept(handled);
        }
    }

    private static String stopReason(PluginScope s, Campaign k) {
        if (k == null) {
            return "campaign deleted";
        }
        if (!s.config().getBoolean(MarketingConfig.SENDING_ENABLED)) {
            return "sending disabled (kill switch " + MarketingConfig.SENDING_ENABLED + ")";
        }
        if ("killed".equals(k.status())) {
            return "campaign killed by " + k.killedBy();
        }
        return null;
    }

    /** Re-sends rows left in 'sending' by a pass that died, with their original idempotency key. */
    private SendReport resume(PluginScope s, long campaignId) throws SQLException {
        DataSource ds = s.data().dataSource();
        Campaign k;
        List<Row> rows = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            k = CampaignStore.get(c, campaignId, false).orElse(null);
            if (k == null || stopReason(s, k) != null) {
                return SendReport.NONE;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, profile_id, variant, attempts, run_key,"
                    + " idempotency_key, recipient FROM marketing_send WHERE campaign_id = ? AND status = 'sending'"
                    + " ORDER BY id")) {
                ps.setLong(1, campaignId);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        rows.add(new Row(r.getLong(1), r.getLong(2), r.getString(3), r.getInt(4), r.getString(5),
                                r.getString(6), r.getString(7), null));
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            return SendReport.NONE;
        }
        List<Row> withProfiles = new ArrayList<>();
        for (Row r : rows) {
            withProfiles.add(new Row(r.id, r.profileId, r.variant, r.attempts, r.runKey, r.key, r.recipient,
                    s.profiles().get(r.profileId).orElse(null)));
        }
        SendReport done = record(s, k, send(s, k, withProfiles));
        return new SendReport(0, done.sent(), done.retrying(), done.failed(), done.bounced(), 0, 0, null);
    }

    private static final class Claim {
        final List<Row> rows = new ArrayList<>();
        long seen;
        long deferred;
        long skipped;
    }

    private Claim claim(PluginScope s, Campaign k, Set<Long> liveMembers) throws SQLException {
        Claim claim = new Claim();
        int batch = s.config().getInt(MarketingConfig.BATCH_SIZE);
        Instant now = Instant.now();
        Guardrails guard = new Guardrails(s, k, now);
        s.data().inTransactionWithoutResult(c -> {
            List<Row> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, profile_id, variant, attempts, run_key,"
                    + " idempotency_key FROM marketing_send WHERE campaign_id = ?"
                    + " AND status IN ('planned', 'deferred', 'retry') AND due_at <= ? ORDER BY id LIMIT ?"
                    + " FOR UPDATE SKIP LOCKED")) {
                ps.setLong(1, k.id());
                ps.setObject(2, now.atOffset(ZoneOffset.UTC));
                ps.setInt(3, batch);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        due.add(new Row(r.getLong(1), r.getLong(2), r.getString(3), r.getInt(4), r.getString(5),
                                r.getString(6), null, null));
                    }
                }
            }
            claim.seen = due.size();
            if (due.isEmpty()) {
                return;
            }
            List<Long> ids = due.stream().map(Row::profileId).toList();
            Guardrails.lockBudgets(c, ids);
            Set<Long> suppressed = guard.suppressed(c, ids);
            Map<Long, Integer> contacts = Guardrails.contacts(c, ids,
                    now.minus(MarketingConfig.contactWindow(s.config())));
            List<Long> sendIds = new ArrayList<>();
            List<String> sendTo = new ArrayList<>();
            try (PreparedStatement defer = c.prepareStatement("UPDATE marketing_send SET status = 'deferred',"
                         + " due_at = ?, reason = ? WHERE id = ?");
                 PreparedStatement skip = c.prepareStatement("UPDATE marketing_send SET status = 'skipped',"
                         + " reason = ? WHERE id = ?")) {
                for (Row row : due) {
                    Profile p = s.profiles().get(row.profileId).orElse(null);
                    boolean member = liveMembers == null || liveMembers.contains(row.profileId);
                    int used = contacts.getOrDefault(row.profileId, 0);
                    Guardrails.Decision d = guard.check(p, suppressed.contains(row.profileId), member, used);
                    switch (d.kind()) {
                        case SEND -> {
                            contacts.put(row.profileId, used + 1);
                            sendIds.add(row.id);
                            sendTo.add(d.recipient());
                            claim.rows.add(new Row(row.id, row.profileId, row.variant, row.attempts + 1,
                                    row.runKey, row.key, d.recipient(), p));
                        }
                        case DEFER -> {
                            defer.setObject(1, d.dueAt().atOffset(ZoneOffset.UTC));
                            defer.setString(2, d.reason());
                            defer.setLong(3, row.id);
                            defer.addBatch();
                            claim.deferred++;
                        }
                        case SKIP -> {
                            skip.setString(1, d.reason());
                            skip.setLong(2, row.id);
                            skip.addBatch();
                            claim.skipped++;
                        }
                    }
                }
                defer.executeBatch();
                skip.executeBatch();
            }
            if (!sendIds.isEmpty()) {
                // one statement for the whole batch: the row and its key are committed before the channel is called
                try (PreparedStatement send = c.prepareStatement("UPDATE marketing_send m SET status = 'sending',"
                        + " attempts = m.attempts + 1, contact_at = ?, recipient = t.r, reason = NULL"
                        + " FROM unnest(?::bigint[], ?::text[]) AS t(id, r) WHERE m.id = t.id")) {
                    send.setObject(1, now.atOffset(ZoneOffset.UTC));
                    send.setArray(2, c.createArrayOf("bigint", sendIds.toArray()));
                    send.setArray(3, c.createArrayOf("text", sendTo.toArray()));
                    send.executeUpdate();
                }
            }
        });
        if (claim.seen > 0) {   // nothing claimed, nothing counted
            s.metrics().increment("messages_skipped", claim.skipped, "channel", k.channel());
        }
        return claim;
    }

    private List<Outcome> send(PluginScope s, Campaign k, List<Row> rows) {
        List<Outcome> out = new ArrayList<>(rows.size());
        if (rows.isEmpty()) {
            return out;
        }
        Optional<Channel> channel = switch (k.channel()) {
            case "email" -> s.channels().find(s.config().require(MarketingConfig.EMAIL_CHANNEL));
            case "webhook" -> s.channels().find(s.config().require(MarketingConfig.WEBHOOK_CHANNEL));
            default -> Optional.empty();
        };
        RateLimiter limiter = limiters.computeIfAbsent(k.channel(), c -> new RateLimiter());
        int rate = MarketingConfig.rateLimit(s.config(), k.channel());
        Unsubscribe unsubscribe = unsubscribe(s);
        String unsubscribeBase = s.config().require(MarketingConfig.UNSUBSCRIBE_URL);
        int concurrency = Math.min(rows.size(), s.config().getInt(MarketingConfig.SEND_CONCURRENCY));
        Optional<Channel> ch = channel;
        Optional<Recommendations> recommendations = s.services().find(Recommendations.class);
        if (concurrency <= 1) {
            for (Row row : rows) {
                out.add(deliverOne(k, row, ch, limiter, rate, unsubscribe, unsubscribeBase, recommendations));
            }
            return out;
        }
        // each worker takes the next row not yet taken (a slow message holds up one worker, not every
        // concurrency-th row behind it); outcomes go back in row order
        Outcome[] results = new Outcome[rows.size()];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < rows.size(); i = next.getAndIncrement()) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    results[i] = deliverOne(k, rows.get(i), ch, limiter, rate, unsubscribe, unsubscribeBase,
                            recommendations);
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new dev.operon.sdk.task.TaskCancelledException();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a delivery worker failed: " + e.getCause(), e.getCause());
            }
        }
        for (int i = 0; i < results.length; i++) {
            out.add(results[i] != null ? results[i]
                    : new Outcome(rows.get(i), Result.RETRY, "not attempted", null, null));
        }
        return out;
    }

    private Outcome deliverOne(Campaign k, Row row, Optional<Channel> channel, RateLimiter limiter, int rate,
                               Unsubscribe unsubscribe, String unsubscribeBase,
                               Optional<Recommendations> recommendations) {
        Variant v = k.variant(row.variant).orElse(null);
        if (row.profile == null || v == null) {
            return new Outcome(row, Result.FAILED, row.profile == null ? "profile gone" : "variant gone",
                    null, null);
        }
        String link = unsubscribe.link(unsubscribeBase, row.profileId);
        Map<String, Object> values = values(k, v, row.profile, link,
                new TemplateRecommendations(recommendations, row.profileId));
        String subject;
        String text;
        String html;
        try {
            subject = renderer.render(v.subject(), false, values);
            text = renderer.render(v.text(), false, values);
            html = "email".equals(k.channel()) ? renderer.render(v.html(), true, values) : null;
        } catch (RuntimeException e) {
            return new Outcome(row, Result.FAILED, "template: " + e.getMessage(), null, null);
        }
        if ("inapp".equals(k.channel())) {
            limiter.acquire(rate);
            return new Outcome(row, Result.SENT, "in-app feed", subject, text);
        }
        if (channel.isEmpty()) {
            return new Outcome(row, Result.RETRY, "channel for " + k.channel() + " is not available", null, null);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Operon-Campaign", Long.toString(k.id()));
        if ("email".equals(k.channel())) {
            headers.put("List-Unsubscribe", "<" + link + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        limiter.acquire(rate);
        try {
            Delivery d = channel.get().send(new Message(row.recipient, subject, text, html, headers, row.key));
            if (d.delivered()) {
                return new Outcome(row, Result.SENT, d.detail(), null, null);
            } else if (d.permanent()) {
                return new Outcome(row, Result.BOUNCED, d.detail(), null, null);
            } else {
                return new Outcome(row, Result.RETRY, d.detail(), null, null);
            }
        } catch (Exception e) {
            return new Outcome(row, Result.RETRY, e.getClass().getSimpleName() + ": " + e.getMessage(), null,
                    null);
        }
    }

    /** The values a template sees. */
    public static Map<String, Object> values(Campaign k, Variant v, Profile p, String unsubscribeUrl,
                                             TemplateRecommendations recommendations) {
        Map<String, Object> values = new HashMap<>();
        values.put("user", p.traits());
        values.put("profileId", p.id());
        values.put("campaign", k.name());
        values.put("variant", v.name());
        values.put("unsubscribeUrl", unsubscribeUrl);
        values.put("recommendations", recommendations);
        return values;
    }

    private SendReport record(PluginScope s, Campaign k, List<Outcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return SendReport.NONE;
        }
        int maxAttempts = s.config().getInt(MarketingConfig.SEND_ATTEMPTS);
        Duration backoff = s.config().getDuration(MarketingConfig.RETRY_BACKOFF);
        Instant now = Instant.now();
        SendReport report = s.data().inTransaction(c -> {
            long sent = 0;
            long retrying = 0;
            long failed = 0;
            long bounced = 0;
            List<Long> okIds = new ArrayList<>();
            List<String> okDetails = new ArrayList<>();
            try (PreparedStatement retry = c.prepareStatement("UPDATE marketing_send SET status = ?, due_at = ?,"
                         + " contact_at = NULL, detail = ? WHERE id = ? AND status = 'sending'");
                 PreparedStatement inbox = c.prepareStatement("INSERT INTO marketing_inbox (send_id, profile_id,"
                         + " campaign_id, title, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (send_id) DO NOTHING");
                 PreparedStatement bounce = c.prepareStatement("INSERT INTO marketing_bounce (send_id, profile_id,"
                         + " kind, detail) VALUES (?, ?, 'hard', ?)");
                 PreparedStatement suppress = c.prepareStatement("INSERT INTO marketing_suppression (profile_id,"
                         + " channel, reason) VALUES (?, ?, 'bounce') ON CONFLICT DO NOTHING")) {
                for (Outcome o : outcomes) {
                    Row row = o.row;
                    switch (o.result) {
                        case SENT -> {
                            okIds.add(row.id);
                            okDetails.add(o.detail);
                            if (o.title != null) {
                                inbox.setLong(1, row.id);
                                inbox.setLong(2, row.profileId);
                                inbox.setLong(3, k.id());
                                inbox.setString(4, o.title);
                                inbox.setString(5, o.body);
                                inbox.addBatch();
                            }
                            sent++;
                        }
                        case RETRY, FAILED -> {
                            boolean last = o.result == Result.FAILED || row.attempts >= maxAttempts;
                            long wait = backoff.toMillis() << Math.min(20, Math.max(0, row.attempts - 1));
                            retry.setString(1, last ? "failed" : "retry");
                            retry.setObject(2, now.plusMillis(wait).atOffset(ZoneOffset.UTC));
                            retry.setString(3, o.detail);
                            retry.setLong(4, row.id);
                            retry.addBatch();
                            if (last) {
                                failed++;
                            } else {
                                retrying++;
                            }
                        }
                        case BOUNCED -> {
                            retry.setString(1, "bounced");
                            retry.setObject(2, now.atOffset(ZoneOffset.UTC));
                            retry.setString(3, o.detail);
                            retry.setLong(4, row.id);
                            retry.addBatch();
                            bounce.setLong(1, row.id);
                            bounce.setLong(2, row.profileId);
                            bounce.setString(3, o.detail == null ? "" : o.detail);
                            bounce.addBatch();
                            suppress.setLong(1, row.profileId);
                            suppress.setString(2, k.channel());
                            suppress.addBatch();
                            bounced++;
                        }
                    }
                }
                if (!okIds.isEmpty()) {
                    try (PreparedStatement ok = c.prepareStatement("UPDATE marketing_send m SET status = 'sent',"
                            + " sent_at = ?, detail = t.d FROM unnest(?::bigint[], ?::text[]) AS t(id, d)"
                            + " WHERE m.id = t.id AND m.status = 'sending'")) {
                        ok.setObject(1, now.atOffset(ZoneOffset.UTC));
                        ok.setArray(2, c.createArrayOf("bigint", okIds.toArray()));
                        ok.setArray(3, c.createArrayOf("text", okDetails.toArray()));
                        ok.executeUpdate();
                    }
                }
                retry.executeBatch();
                inbox.executeBatch();
                bounce.executeBatch();
                suppress.executeBatch();
            }
            return new SendReport(sent, 0, retrying, failed, bounced, 0, 0, null);
        });
        s.metrics().increment("messages_sent", report.sent(), "channel", k.channel());
        s.metrics().increment("messages_failed", report.failed(), "channel", k.channel());
        s.metrics().increment("messages_bounced", report.bounced(), "channel", k.channel());
        s.metrics().increment("messages_retrying", report.retrying(), "channel", k.channel());
        return report;
    }

    /** The signer of unsubscribe links: the configured secret, else a random one generated once per database. */
    public Unsubscribe unsubscribe(PluginScope s) {
        Optional<String> configured = s.config().get(MarketingConfig.UNSUBSCRIBE_SECRET).filter(v -> !v.isBlank());
        if (configured.isPresent()) {
            return new Unsubscribe(configured.get());
        }
        String secret = storedSecret;
        if (secret == null) {
            try {
                secret = storedSecret(s.data().dataSource());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the unsubscribe signing key: " + e.getMessage(), e);
            }
            storedSecret = secret;
        }
        return new Unsubscribe(secret);
    }

    private static String storedSecret(DataSource ds) throws SQLException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_state (key, value)"
                    + " VALUES ('unsubscribe-secret', ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, Base64.getEncoder().encodeToString(random));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM marketing_state"
                    + " WHERE key = 'unsubscribe-secret'");
                 ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
