package dev.operon.plugins.recommend.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import ai.djl.translate.Translator;
import dev.operon.sdk.model.MetricGoal;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code recommend.<kind>}: one model type per {@link ModelKind}, versions promoted on validation NDCG@10. Serving
 * through the platform ({@code models().predict(type, query)}) loads the version's {@link Recommender} once per
 * node and answers {@link RecommenderScores}; the DJL model the platform holds is an empty shell (the recommender
 * keeps its own state, and survives the shell being closed at a champion swap).
 */
public final class RecommenderModelType implements ModelType<RecommenderQuery, RecommenderScores> {

    /** The primary metric: NDCG@10 on the validation split carved from the training data. */
    public static final String NDCG_10 = "ndcg@10";
    public static final String RECALL_10 = "recall@10";
    public static final String MRR_10 = "mrr@10";
    public static final String HIT_10 = "hit@10";

    private final ModelKind kind;

    public RecommenderModelType(ModelKind kind) {
        this.kind = kind;
    }

    public ModelKind kind() {
        return kind;
    }

    @Override
    public String id() {
        return kind.typeId();
    }

    @Override
    public String title() {
        return kind.title();
    }

    @Override
    public String description() {
        return "Scores every item for a user (or by similarity to an item); promoted on validation NDCG@10.";
    }

    @Override
    public Class<RecommenderQuery> inputType() {
        return RecommenderQuery.class;
    }

    @Override
    public Class<RecommenderScores> outputType() {
        return RecommenderScores.class;
    }

    @Override
    public MetricGoal primaryMetric() {
        return MetricGoal.maximise(NDCG_10);
    }

    @Override
    public Model load(ModelFiles files, Device device) throws IOException {
        ModelKind saved = RecommenderFiles.kindOf(files.directory());
        if (saved != kind) {
            throw new IOException("version holds a " + saved.id() + " model, not " + kind.id());
        }
        Model shell = Model.newInstance(RecommenderFiles.MODEL_NAME, device);
        shell.setBlock(new LambdaBlock(list -> new NDList(list.singletonOrThrow())));
        return shell;
    }

    @Override
    public Translator<RecommenderQuery, RecommenderScores> translator(ModelFiles files) {
        try {
            return new RecommenderTranslator(RecommenderFiles.load(files));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the recommender in " + files.directory(), e);
        }
    }
}
