package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.BlendRecommender;
import dev.operon.plugins.recommend.model.BlendRecommender.Normalisation;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A blend of EDLAE, RP3beta, RecVAE, iALS, SLIM and popularity (see {@link BlendRecommender}), or of other parts
 * given to the constructor (the MovieLens harness tries Mult-VAE, BSPM and others that way). With a validator (the
 * search):
 * each part's own grid is searched on the validation data; the blend starts from the best part alone, then the
 * weights are improved one part at a time over a few values ({@code ROUNDS} passes of coordinate ascent, a change
 * kept only when validation NDCG@10 rises), so the blend is never worse on validation than its best part. That
 * weight search runs once per {@link Normalisation} of the parts' scores (z-scores, ranks) and the better one on
 * validation is kept ({@code normalisation}).
 * Popularity may get a negative weight: a penalty on popular items. The parameters name each part's choice
 * ({@code ease.lambda}, {@code rp3beta.alpha}, ...) and its weight ({@code weight.ease}, ...); without a validator
 * they are fitted as given (parts with weight 0 are left out).
 */
public final class BlendTrainer implements KindTrainer {

    /**
     * The parts of the default blend (the training task's and the offline CLI's): the best blend on MovieLens-100K's
     * validation split whose offline CLI time was measured (docs/benchmarks.md, 2026-12-01: it replaced EDLAE,
     * RP3beta, iALS and popularity, which had replaced EASE, RP3beta, user-kNN and popularity).
     */
    public static final List<ModelKind> PARTS = List.of(ModelKind.EDLAE, ModelKind.RP3BETA, ModelKind.RECVAE,
            ModelKind.IALS, ModelKind.SLIM, ModelKind.POPULARITY);
    static final float[] WEIGHTS = {0f, 0.1f, 0.2f, 0.35f, 0.5f, 0.75f, 1f};
    static final float[] POPULARITY_WEIGHTS = {-0.3f, -0.2f, -0.1f, -0.05f, 0f, 0.1f};
    static final int ROUNDS = 2;
    static final List<Normalisation> NORMALISATIONS = List.of(Normalisation.STANDARD, Normalisation.RANK);
    private final long seed;
    private final List<ModelKind> parts;

    public BlendTrainer(long seed) {
        this(seed, PARTS);
    }

    /**
     * A blend of other parts (any kinds but the blend itself; popularity gets the penalty weights), searched and
     * fitted the same way; the first part is the one whose item similarity the blend answers when it has weight.
     */
    public BlendTrainer(long seed, List<ModelKind> parts) {
        if (parts.isEmpty() || parts.contains(ModelKind.BLEND)
                || parts.stream().allMatch(kind -> kind == ModelKind.POPULARITY)) {
            throw new IllegalArgumentException("a blend needs parts other than popularity and itself: " + parts);
        }
        this.seed = seed;
        this.parts = List.copyOf(parts);
    }

    @Override
    public ModelKind kind() {
        return ModelKind.BLEND;
    }

    /** One entry without part parameters: the search happens inside {@link #fit}, on the validator. */
    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        return List.of(Map.of());
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress)
            throws Exception {
        boolean given = params.keySet().stream().anyMatch(name -> name.startsWith("weight."));
        if (!given && validator == null) {
            throw new IllegalArgumentException("a blend needs its parameters or a validator to choose them");
        }
        return given ? fitGiven(data, params, progress) : search(data, validator, progress);
    }

    private Fitted fitGiven(Interactions data, Map<String, Object> params, Progress progress) throws Exception {
        List<Recommender> models = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        try {
            for (ModelKind kind : parts) {
                float weight = (float) HyperParams.number(params, weightName(kind), 0);
                if (weight != 0f) {
                    models.add(Trainers.of(kind, seed).fit(data, partParams(params, kind), null, progress).model());
                    weights.add(weight);
                }
            }
        } catch (Exception | Error e) {
            models.forEach(Recommender::close);
            throw e;
        }
        Normalisation normalisation = Normalisation.named(String.valueOf(params.getOrDefault("normalisation",
                Normalisation.STANDARD.id())));
        return new Fitted(blend(data, models, toArray(weights), normalisation), new LinkedHashMap<>(params));
    }

    private Fitted search(Interactions data, Validator validator, Progress progress) throws Exception {
        List<Recommender> models = new ArrayList<>();
        Map<String, Object> used = new LinkedHashMap<>();
        try {
            float[] start = new float[parts.size()];
            double bestPart = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < parts.size(); p++) {
                ModelKind kind = parts.get(p);
                BestPart part = bestOf(Trainers.of(kind, seed), data, validator, progress);
                models.add(part.fitted().model());
                part.fitted().params().forEach((name, value) -> used.put(kind.id() + "." + name, value));
                if (kind != ModelKind.POPULARITY && part.score() > bestPart) {
                    bestPart = part.score();
                    Arrays.fill(start, 0f);
                    start[p] = 1f;
                }
            }
            if (!hasModelWeight(start)) {
                start[0] = 1f;
            }
            // Kept when no normalisation scores a number (a validation split without a held-out item).
            float[] weights = start.clone();
            double best = Double.NEGATIVE_INFINITY;
            Normalisation chosen = NORMALISATIONS.get(0);
            for (Normalisation normalisation : NORMALISATIONS) {
                List<Recommender> memos = new ArrayList<>();
                for (Recommender model : models) {
                    memos.add(new MemoScores(model, normalisation));
                }
                float[] found = start.clone();
                double score = ascend(data, memos, found, validator, normalisation, progress);
                if (score > best) {
                    best = score;
                    weights = found;
                    chosen = normalisation;
                }
            }
            progress.step(String.format(Locale.ROOT, "blend chosen: %s scores, weights %s: validation ndcg@10 %.4f",
                    chosen.id(), Arrays.toString(weights), best));
            for (int p = 0; p < parts.size(); p++) {
                used.put(weightName(parts.get(p)), (double) weights[p]);
            }
            used.put("normalisation", chosen.id());
            List<Recommender> kept = new ArrayList<>();
            List<Float> keptWeights = new ArrayList<>();
            for (int p = 0; p < models.size(); p++) {
                if (weights[p] != 0f) {
                    kept.add(models.get(p));
                    keptWeights.add(weights[p]);
                } else {
                    models.get(p).close();
                }
            }
            return new Fitted(blend(data, kept, toArray(keptWeights), chosen), used);
        } catch (Exception | Error e) {
            models.forEach(Recommender::close);
            throw e;
        }
    }

    /**
     * Coordinate ascent on the weights (changed in place) from {@code weights}: each part's weight over a few
     * values, a change kept only when validation NDCG@10 rises; answers the best score.
     */
    private double ascend(Interactions data, List<Recommender> memos, float[] weights, Validator validator,
                          Normalisation normalisation, Progress progress) {
        double best = validator.ndcg(blend(data, memos, weights, Normalisation.NONE));
        for (int round = 1; round <= ROUNDS; round++) {
            boolean changed = false;
            for (int p = 0; p < parts.size(); p++) {
                for (float candidate : parts.get(p) == ModelKind.POPULARITY ? POPULARITY_WEIGHTS : WEIGHTS) {
                    if (candidate == weights[p]) {
                        continue;
                    }
                    float[] trial = weights.clone();
                    trial[p] = candidate;
                    if (!hasModelWeight(trial)) {
                        continue;
                    }
                    double score = validator.ndcg(blend(data, memos, trial, Normalisation.NONE));
                    if (score > best) {
                        best = score;
                        System.arraycopy(trial, 0, weights, 0, weights.length);
                        changed = true;
                    }
                }
            }
            progress.step(String.format(Locale.ROOT, "blend (%s scores) round %d weights %s: validation ndcg@10 %.4f",
                    normalisation.id(), round, Arrays.toString(weights), best));
            if (!changed) {
                break;
            }
        }
        return best;
    }

    /** Whether a part other than popularity has a weight (popularity alone is not a personal model). */
    private boolean hasModelWeight(float[] weights) {
        for (int p = 0; p < parts.size(); p++) {
            if (parts.get(p) != ModelKind.POPULARITY && weights[p] != 0f) {
                return true;
            }
        }
        return false;
    }

    private static String weightName(ModelKind kind) {
        return "weight." + kind.id();
    }

    private static float[] toArray(List<Float> values) {
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static BlendRecommender blend(Interactions data, List<Recommender> parts, float[] weights,
                                          Normalisation normalisation) {
        return new BlendRecommender(data.users(), data.items(), parts, weights, normalisation);
    }

    private record BestPart(Fitted fitted, double score) {
    }

    /** The part's grid searched on the validator, as {@link ModelSearch#tune} does for a kind on its own. */
    private static BestPart bestOf(KindTrainer trainer, Interactions data, Validator validator, Progress progress)
            throws Exception {
        Fitted best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map<String, Object> entry : trainer.grid(data)) {
            Fitted fitted = trainer.fit(data, entry, validator, progress);
            double score = validator.ndcg(fitted.model());
            progress.step(String.format(Locale.ROOT, "blend part %s %s: validation ndcg@10 %.4f",
                    trainer.kind().id(), fitted.params(), score));
            // NaN (no validation users) loses to anything but keeps the first entry
            if (best == null || score > bestScore) {
                if (best != null) {
                    best.model().close();
                }
                best = fitted;
                bestScore = Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
            } else {
                fitted.model().close();
            }
        }
        return new BestPart(best, bestScore);
    }

    private static Map<String, Object> partParams(Map<String, Object> params, ModelKind kind) {
        Map<String, Object> part = new LinkedHashMap<>();
        String prefix = kind.id() + ".";
        params.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                part.put(name.substring(prefix.length()), value);
            }
        });
        return part;
    }
}
