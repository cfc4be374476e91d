package dev.operon.plugins.marketing.uplift;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/** Encodes a user with the version's feature encoding; turns the two logits into probabilities and their gap. */
final class UpliftTranslator implements Translator<UpliftInput, UpliftScore> {

    private final FeatureEncoder encoder;

    UpliftTranslator(FeatureEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, UpliftInput input) {
        return new NDList(ctx.getNDManager().create(encoder.encode(input.features())));
    }

    @Override
    public UpliftScore processOutput(TranslatorContext ctx, NDList list) {
        float[] logits = list.singletonOrThrow().toFloatArray();
        double treated = 1 / (1 + Math.exp(-logits[0]));
        double control = 1 / (1 + Math.exp(-logits[1]));
        return new UpliftScore(treated - control, treated, control);
    }
}
