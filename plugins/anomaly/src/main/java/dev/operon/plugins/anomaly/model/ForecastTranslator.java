package dev.operon.plugins.anomaly.model;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/** Encodes a window as the network expects it and decodes the forecast back into the series' units. */
final class ForecastTranslator implements Translator<ForecastInput, ForecastOutput> {

    private static final String FRAME = "frame";

    @Override
    public NDList processInput(TranslatorContext ctx, ForecastInput input) {
        if (input.recent() == null || input.recent().length != WindowEncoding.WIDTH) {
            throw new IllegalArgumentException("a forecast needs the last " + WindowEncoding.WIDTH + " values");
        }
        float[] x = new float[WindowEncoding.WIDTH];
        ctx.setAttachment(FRAME, WindowEncoding.encode(input.recent(), 0, x, 0));
        return new NDList(ctx.getNDManager().create(x).reshape(1, WindowEncoding.WIDTH));
    }

    @Override
    public ForecastOutput processOutput(TranslatorContext ctx, NDList list) {
        WindowEncoding.Frame frame = (WindowEncoding.Frame) ctx.getAttachment(FRAME);
        return new ForecastOutput(frame.decode(list.singletonOrThrow().toFloatArray()[0]));
    }
}
