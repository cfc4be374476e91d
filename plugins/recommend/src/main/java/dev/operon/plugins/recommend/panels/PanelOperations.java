package dev.operon.plugins.recommend.panels;

import dev.operon.plugins.recommend.catalog.ItemStore;
import dev.operon.plugins.recommend.experiments.Experiment;
import dev.operon.plugins.recommend.feedback.OnlineMetrics;
import dev.operon.plugins.recommend.model.ChampionChoice;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.RecommenderModelType;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Read-only operations behind the console panels: leaderboard, online metrics, CTR series, status. */
public final class PanelOperations {

    private PanelOperations() {
    }

    /** No input. */
    public record NoInput() {
    }

    /** @param days how many last days (default 30) */
    public record DaysInput(@Min(0) @Max(365) int days) {
    }

    /**
     * One model version with its offline (validation) metrics.
     *
     * @param championOfAll true for the version serving {@code champion}: best validation NDCG@10 across kinds
     */
    public record LeaderRow(String model, int version, String stage, boolean championOfAll, Double ndcg10,
                            Double recall10, Double mrr10, Double hit10, Instant createdAt) {
    }

    /** One day of CTR: all variants together, then per variant (null when it had no impressions). */
    public record CtrPoint(Instant at, double ctr, Double ctrA, Double ctrB, Double ctrHoldout, Double ctrDefault,
                           long impressions, long clicks) {
    }

    /** The plugin at a glance. */
    public record Status(String champion, double championNdcg10, long catalogueItems, long availableItems,
                         double ctr7Days, long impressions7Days, String experiment) {
    }

    public static List<Operation<?, ?>> all() {
        return List.of(
                Operation.query("model-leaderboard", "Model leaderboard", "Every version of every recommendation"
                        + " model with its validation metrics, best NDCG@10 first.", NoInput.class, List.class,
                        (c, in) -> leaderboard(c)),
                Operation.query("online-metrics", "Online metrics", "Per day, model and A/B variant: lists served,"
                        + " impressions, clicks, CTR, coverage, novelty.", DaysInput.class, List.class,
                        (c, in) -> new OnlineMetrics(c.data()).since(since(in.days()))),
                Operation.query("online-ctr", "Online CTR over time", "CTR per day, overall and per A/B variant.",
                        DaysInput.class, List.class, (c, in) -> ctr(c, in.days())),
                Operation.query("recommend-status", "Recommendation status", "The champion, the catalogue and the CTR"
                        + " of the last 7 days.", NoInput.class, Status.class, (c, in) -> status(c)));
    }

    private static LocalDate since(int days) {
        return LocalDate.now(ZoneOffset.UTC).minusDays((days == 0 ? 30 : days) - 1L);
    }

    private static List<LeaderRow> leaderboard(OperationContext c) {
        Optional<ModelKind> best = ChampionChoice.best(c.models());
        List<LeaderRow> rows = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            for (ModelVersion v : c.models().versions(kind.typeId())) {
                Map<String, Double> m = v.validationMetrics();
                rows.add(new LeaderRow(kind.typeId(), v.version(), v.stage().name().toLowerCase(),
                        v.stage() == ModelVersion.Stage.CHAMPION && best.isPresent() && best.get() == kind,
                        m.get(RecommenderModelType.NDCG_10), m.get(RecommenderModelType.RECALL_10),
                        m.get(RecommenderModelType.MRR_10), m.get(RecommenderModelType.HIT_10), v.createdAt()));
            }
        }
        rows.sort(Comparator.comparing((LeaderRow r) -> r.ndcg10() == null ? Double.NEGATIVE_INFINITY : r.ndcg10())
                .reversed().thenComparing(LeaderRow::model).thenComparingInt(LeaderRow::version));
        return rows;
    }

    private static List<CtrPoint> ctr(OperationContext c, int days) throws Exception {
        Map<LocalDate, Map<String, long[]>> byDay = new TreeMap<>();
        for (OnlineMetrics.Row r : new OnlineMetrics(c.data()).since(since(days))) {
            Map<String, long[]> day = byDay.computeIfAbsent(r.day(), k -> new TreeMap<>());
            add(day, "", r);
            add(day, r.variant(), r);
        }
        List<CtrPoint> out = new ArrayList<>();
        byDay.forEach((day, v) -> out.add(new CtrPoint(day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                rate(v.get("")), rateOrNull(v.get("a")), rateOrNull(v.get("b")),
                rateOrNull(v.get(Experiment.HOLDOUT.name())), rateOrNull(v.get("default")), v.get("")[0],
                v.get("")[1])));
        return out;
    }

    private static void add(Map<String, long[]> day, String key, OnlineMetrics.Row r) {
        long[] t = day.computeIfAbsent(key, k -> new long[2]);
        t[0] += r.impressions();
        t[1] += r.clicks();
    }

    private static double rate(long[] t) {
        return t == null || t[0] == 0 ? 0 : (double) t[1] / t[0];
    }

    private static Double rateOrNull(long[] t) {
        return t == null || t[0] == 0 ? null : (double) t[1] / t[0];
    }

    private static Status status(OperationContext c) throws Exception {
        Optional<ModelKind> best = ChampionChoice.best(c.models());
        String champion = "none yet";
        double ndcg = 0;
        if (best.isPresent()) {
            Optional<ModelVersion> v = c.models().champion(best.get().typeId());
            if (v.isPresent()) {
                champion = best.get().typeId() + " v" + v.get().version();
                ndcg = v.get().validationMetrics().getOrDefault(RecommenderModelType.NDCG_10, 0.0);
            }
        }
        ItemStore items = new ItemStore(c.data());
        long total = items.count();
        long available = items.countAvailable();
        long impressions = 0;
        long clicks = 0;
        for (OnlineMetrics.Row r : new OnlineMetrics(c.data()).since(since(7))) {
            impressions += r.impressions();
            clicks += r.clicks();
        }
        Experiment experiment;
        try {
            experiment = Experiment.fromConfig(c.config());
        } catch (IllegalArgumentException e) {
            experiment = null;
        }
        return new Status(champion, ndcg, total, available, impressions == 0 ? 0 : (double) clicks / impressions,
                impressions, experiment == null ? "off" : experiment.name());
    }
}
