package dev.operon.plugins.recommend.model;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/** Answers a {@link RecommenderQuery} with the loaded recommender; the tensor round trip is a one-value no-op. */
final class RecommenderTranslator implements Translator<RecommenderQuery, RecommenderScores> {

    private static final String QUERY = "query";
    private final Recommender recommender;

    RecommenderTranslator(Recommender recommender) {
        this.recommender = recommender;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RecommenderQuery input) {
        ctx.setAttachment(QUERY, input);
        return new NDList(ctx.getNDManager().create(0f));
    }

    @Override
    public RecommenderScores processOutput(TranslatorContext ctx, NDList list) {
        return Scoring.answer(recommender, (RecommenderQuery) ctx.getAttachment(QUERY));
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
