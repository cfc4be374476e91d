package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.RecommenderFiles;
import dev.operon.plugins.recommend.model.RecommenderModelType;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.PermanentTaskFailure;
import dev.operon.sdk.task.TaskSkipped;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code recommend.train}: reads implicit feedback from events, tunes every configured kind on a validation split
 * carved from it, fits each winner again on all the feedback and registers it as a version of
 * {@code recommend.<kind>}; the platform promotes a version only when its validation NDCG@10 beats the champion's.
 */
public final class RecommendTrainTask implements TaskType<TrainInput, TrainSummary> {

    /** Kinds that hold an items x items matrix (or items x hundreds of weights): skipped above ease-max-items. */
    static final java.util.Set<ModelKind> DENSE_KINDS = java.util.EnumSet.of(ModelKind.EASE, ModelKind.BLEND,
            ModelKind.EDLAE, ModelKind.MULT_VAE, ModelKind.SLIM, ModelKind.MULT_DAE,
            ModelKind.GF_CF, ModelKind.BSPM, ModelKind.RECVAE);


    @Override public dev.operon.sdk.task.Resources resources() { return dev.operon.sdk.task.Resources.gpuPreferred(); }

    public static final String ID = "recommend.train";
    static final long DEFAULT_SEED = 42;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Train the recommenders";
    }

    @Override
    public String description() {
        return "Trains popularity, item-kNN, BPR, EASE and the sequential Transformer on event feedback, tunes each on"
                + " a validation split, and registers each; a version serves when it beats its champion on NDCG@10.";
    }

    @Override
    public Class<TrainInput> inputType() {
        return TrainInput.class;
    }

    @Override
    public Class<TrainSummary> outputType() {
        return TrainSummary.class;
    }

    /** Daily at 02:30 UTC. */
    @Override
    public java.util.Optional<String> defaultCron() {
        return java.util.Optional.of("0 30 2 * * ?");
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofHours(3)).withConcurrency(Concurrency.SKIP);
    }

    @Override
    public TrainSummary run(TaskContext context, TrainInput input) throws Exception {
        PluginConfig config = context.config();
        List<ModelKind> kinds;
        Map<String, Double> weights;
        try {
            kinds = Trainers.parse(input.models() != null ? input.models() : config.require(RecommendConfig.MODELS));
            weights = EventWeights.parse(config.require(RecommendConfig.EVENT_WEIGHTS));
        } catch (IllegalArgumentException e) {
            throw new PermanentTaskFailure(e.getMessage());
        }
        Instant now = input.asOf() != null ? input.asOf() : Instant.now();
        int windowDays = input.windowDays() != null ? input.windowDays() : config.getInt(RecommendConfig.WINDOW_DAYS);
        double halfLifeDays = config.getDouble(RecommendConfig.HALF_LIFE_DAYS);
        List<String> itemProperties = Arrays.stream(config.require(RecommendConfig.ITEM_PROPERTIES).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        EventFeedback feedback = new EventFeedback(weights, itemProperties,
                Duration.ofMillis((long) (halfLifeDays * 86_400_000L)));
        Instant from = now.minus(Duration.ofDays(windowDays));
        Interactions data = feedback.read(context.events(), context.profiles(), from, now);
        context.log().info(String.format(Locale.ROOT, "feedback %s to %s: %d users, %d items, %d user-item pairs",
                from, now, data.userCount(), data.itemCount(), data.size()));
        if (data.userCount() < 2 || data.itemCount() < 2) {
            throw new TaskSkipped("too little feedback to train: " + data.userCount() + " users and "
                    + data.itemCount() + " items in the last " + windowDays + " days with events "
                    + weights.keySet());
        }
        if (!ModelSearch.canValidate(data)) {
            throw new TaskSkipped("too little feedback to validate a model: no user has "
                    + ModelSearch.VALIDATION_MIN_ITEMS + " or more items in the last " + windowDays + " days");
        }
        long seed = input.seed() != null ? input.seed() : DEFAULT_SEED;
        int easeMax = config.getInt(RecommendConfig.EASE_MAX_ITEMS);
        List<TrainSummary.KindSummary> summaries = new ArrayList<>();
        String best = null;
        double bestNdcg = Double.NEGATIVE_INFINITY;
        int done = 0;
        for (ModelKind kind : kinds) {
            context.checkCancelled();
            context.progress(5 + 90 * done / kinds.size(), "training " + kind.id());
            if (DENSE_KINDS.contains(kind) && data.itemCount() > easeMax) {
                String why = data.itemCount() + " items is more than ease-max-items " + easeMax;
                context.log().info("skipping " + kind.id() + ": " + why);
                summaries.add(new TrainSummary.KindSummary(kind.id(), Map.of(), Map.of(), 0, why));
                done++;
                continue;
            }
            KindTrainer.Progress progress = line -> {
                context.checkCancelled();
                context.log().info(line);
            };
            ModelSearch.Result result = ModelSearch.tuneAndRefit(Trainers.of(kind, seed), data, seed, progress);
            try (var model = result.model()) {
                Path directory = Files.createTempDirectory("recommend-" + kind.id() + "-");
                RecommenderFiles.save(model, directory);
                ModelDraft.Builder draft = ModelDraft.of(kind.typeId(), directory, RecommenderFiles.MODEL_NAME)
                        .dataWindow(from, now)
                        .parameter("users", data.userCount())
                        .parameter("items", data.itemCount())
                        .parameter("interactions", data.size())
                        .parameter("seed", seed)
                        .property("kind", kind.id());
                result.validation().forEach(draft::validationMetric);
                result.params().forEach(draft::parameter);
                context.models().register(draft.build());
            }
            double ndcg = result.validation().get(RecommenderModelType.NDCG_10);
            context.log().info(String.format(Locale.ROOT, "%s: validation ndcg@10 %.4f with %s in %.1f s",
                    kind.id(), ndcg, result.params(), result.seconds()));
            summaries.add(new TrainSummary.KindSummary(kind.id(), result.validation(), result.params(),
                    result.seconds(), null));
            if (ndcg > bestNdcg) {
                bestNdcg = ndcg;
                best = kind.id();
            }
            done++;
        }
        context.progress(100, "registered");
        return new TrainSummary(data.userCount(), data.itemCount(), data.size(), summaries, best);
    }
}
