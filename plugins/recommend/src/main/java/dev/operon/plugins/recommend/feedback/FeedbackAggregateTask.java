package dev.operon.plugins.recommend.feedback;

import dev.operon.plugins.recommend.serving.ServingConfig;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code recommend.feedback-aggregate}: recomputes the online metrics of the last days (UTC) per model and A/B
 * variant: lists served, impressions and clicks (events carrying a recommendation id, attributed to the model and
 * variant that served it), CTR, coverage and novelty. Recomputing whole days makes it idempotent: a rerun or two
 * nodes running it give the same rows.
 */
public final class FeedbackAggregateTask implements TaskType<FeedbackAggregateTask.Input, FeedbackAggregateTask.Output> {

    /** @param days days to recompute, today included; 0 for the {@code metrics-days} setting */
    public record Input(@Min(0) @Max(90) int days) {
    }

    /** What was computed. */
    public record Output(int rows, long served, long impressions, long clicks, long unattributed) {
    }

    @Override
    public String id() {
        return "recommend.feedback-aggregate";
    }

    @Override
    public String title() {
        return "Aggregate recommendation feedback";
    }

    @Override
    public String description() {
        return "Online CTR, coverage and novelty per day, model and A/B variant, from served lists and the"
                + " impression and click events.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 3/15 * * * ?");
    }

    private record Key(LocalDate day, String model, String variant) {
    }

    private static final class Counts {
        long served;
        long impressions;
        long clicks;
        long distinctItems;
        double novelty;
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        int days = input.days() == 0 ? context.config().getInt(ServingConfig.METRICS_DAYS) : input.days();
        Instant now = Instant.now();
        LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days - 1L);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Key, Counts> counts = new HashMap<>();
        long denominator = servedSide(context, from, counts);
        context.progress(40, "reading impressions and clicks");
        String impression = context.config().require(ServingConfig.IMPRESSION_EVENT);
        String click = context.config().require(ServingConfig.CLICK_EVENT);
        List<Object[]> feedback = new ArrayList<>();
        context.events().forEach(EventQuery.all().ofTypes("track").named(impression, click).between(from, now), e -> {
            Object id = e.properties().get(FeedbackOperations.RECOMMENDATION_ID);
            UUID uuid = null;
            if (id != null) {
                try {
                    uuid = UUID.fromString(id.toString());
                } catch (IllegalArgumentException ignored) {
                    // not one of ours: attributed by its own properties, or not at all
                }
            }
            feedback.add(new Object[] {LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC), uuid,
                    e.name().equals(click), e.properties().get("model"), e.properties().get("variant")});
        });
        Map<UUID, ServedLog.Served> served = new HashMap<>();
        List<UUID> ids = feedback.stream().map(f -> (UUID) f[1]).filter(java.util.Objects::nonNull).distinct().toList();
        ServedLog log = new ServedLog(context.data());
        for (int i = 0; i < ids.size(); i += 5000) {
            served.putAll(log.find(ids.subList(i, Math.min(ids.size(), i + 5000))));
        }
        long impressions = 0;
        long clicks = 0;
        long unattributed = 0;
        for (Object[] f : feedback) {
            ServedLog.Served s = f[1] == null ? null : served.get((UUID) f[1]);
            String model = s != null ? s.model() : f[3] == null ? null : f[3].toString();
            String variant = s != null ? s.variant() : f[4] == null ? null : f[4].toString();
            if (model == null || variant == null) {
                unattributed++;
                continue;
            }
            Counts c = counts.computeIfAbsent(new Key((LocalDate) f[0], model, variant), k -> new Counts());
            if ((Boolean) f[2]) {
                c.clicks++;
                clicks++;
            } else {
                c.impressions++;
                impressions++;
            }
        }
        List<OnlineMetrics.Row> rows = new ArrayList<>();
        long totalServed = 0;
        for (Map.Entry<Key, Counts> e : counts.entrySet()) {
            Counts c = e.getValue();
            totalServed += c.served;
            rows.add(new OnlineMetrics.Row(e.getKey().day(), e.getKey().model(), e.getKey().variant(), c.served,
                    c.impressions, c.clicks, c.impressions == 0 ? 0 : (double) c.clicks / c.impressions,
                    denominator == 0 ? 0 : Math.min(1.0, (double) c.distinctItems / denominator), c.novelty));
        }
        context.progress(90, "writing " + rows.size() + " rows");
        new OnlineMetrics(context.data()).replaceFrom(first, rows, now);
        context.log().info("online metrics from " + first + ": " + rows.size() + " rows, " + totalServed + " served, "
                + impressions + " impressions, " + clicks + " clicks, " + unattributed + " events without a known"
                + " recommendation");
        return new Output(rows.size(), totalServed, impressions, clicks, unattributed);
    }

    /**
     * Lists served, distinct items and novelty per day, model and variant, computed in the database; returns the
     * coverage denominator.
     */
    private static long servedSide(TaskContext context, Instant from, Map<Key, Counts> counts) throws SQLException {
        String sql = "WITH pop AS (SELECT item_id, score / NULLIF(sum(score) OVER (), 0) AS share"
                + "   FROM recommend_popular WHERE segment = ''),"
                + " rarest AS (SELECT coalesce(min(share) / 2, 1e-6) AS share FROM pop WHERE share > 0),"
                + " shown AS (SELECT id, (served_at AT TIME ZONE 'UTC')::date AS day, model, variant, unnest(items) AS item"
                + "   FROM recommend_served WHERE served_at >= ?)"
                + " SELECT s.day, s.model, s.variant, count(DISTINCT s.id), count(DISTINCT s.item),"
                + "   avg(-ln(greatest(coalesce(p.share, r.share), 1e-12)) / ln(2))"
                + " FROM shown s CROSS JOIN rarest r LEFT JOIN pop p ON p.item_id = s.item"
                + " GROUP BY s.day, s.model, s.variant";
        long denominator;
        try (Connection c = context.data().dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setTimestamp(1, Timestamp.from(from));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Counts k = counts.computeIfAbsent(new Key(r.getDate(1).toLocalDate(), r.getString(2),
                                r.getString(3)), x -> new Counts());
                        k.served = r.getLong(4);
                        k.distinctItems = r.getLong(5);
                        k.novelty = r.getDouble(6);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE available), count(*)"
                    + " FROM recommend_item");
                 ResultSet r = s.executeQuery()) {
                r.next();
                denominator = r.getLong(2) > 0 ? r.getLong(1) : 0;
            }
            if (denominator == 0) {
                try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM (SELECT unnest(items)"
                        + " FROM recommend_served WHERE served_at >= ? UNION SELECT item_id FROM recommend_popular"
                        + " WHERE segment = '') x")) {
                    s.setTimestamp(1, Timestamp.from(from));
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        denominator = r.getLong(1);
                    }
                }
            }
        }
        return denominator;
    }
}
