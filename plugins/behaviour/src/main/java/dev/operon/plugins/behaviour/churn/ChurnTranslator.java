package dev.operon.plugins.behaviour.churn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.List;
import java.util.Map;

/**
 * Scores one profile and explains it in the same forward pass: the input becomes the encoded row followed by one
 * copy per original column with that column set to the training average; the output's first logit is the score,
 * the others give each column's contribution (occlusion against the mean).
 */
final class ChurnTranslator implements Translator<ChurnInput, ChurnPrediction> {

    private static final String ALIGNED = "aligned";
    private final FeatureEncoder encoder;
    private final int top;

    ChurnTranslator(FeatureEncoder encoder, int top) {
        this.encoder = encoder;
        this.top = top;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, ChurnInput input) {
        List<String> columns = encoder.columns();
        String[] aligned = new String[columns.size()];
        Map<String, String> features = input.features();
        for (int c = 0; c < aligned.length; c++) {
            String value = features.get(columns.get(c));
            aligned[c] = value == null && ActivitySnapshot.isCount(columns.get(c)) ? "0" : value;
        }
        ctx.setAttachment(ALIGNED, aligned);
        float[] row = encoder.encode(aligned);
        float[] baseline = encoder.baseline();
        List<int[]> groups = List.copyOf(encoder.groups().values());
        int width = encoder.width();
        float[] matrix = new float[(groups.size() + 1) * width];
        System.arraycopy(row, 0, matrix, 0, width);
        for (int g = 0; g < groups.size(); g++) {
            int at = (g + 1) * width;
            System.arraycopy(row, 0, matrix, at, width);
            int[] span = groups.get(g);
            System.arraycopy(baseline, span[0], matrix, at + span[0], span[1] - span[0]);
        }
        return new NDList(ctx.getNDManager().create(matrix, new Shape(groups.size() + 1, width)));
    }

    @Override
    public ChurnPrediction processOutput(TranslatorContext ctx, NDList list) {
        float[] logits = list.singletonOrThrow().toFloatArray();
        double score = ChurnModel.sigmoid(logits[0]);
        double[] contributions = new double[logits.length - 1];
        for (int g = 0; g < contributions.length; g++) {
            contributions[g] = score - ChurnModel.sigmoid(logits[g + 1]);
        }
        String[] aligned = (String[]) ctx.getAttachment(ALIGNED);
        return new ChurnPrediction(score, ChurnModel.top(encoder, contributions, aligned, top));
    }

    @Override
    public Batchifier getBatchifier() {
        return null; // one forward pass per profile: its rows are its explanation variants
    }
}
