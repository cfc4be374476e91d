package dev.operon.examples.imageclassifier;

import ai.djl.modality.cv.Image;
import dev.operon.sdk.model.ModelUnavailableException;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import java.time.Instant;

/**
 * {@code classify}: which class an uploaded image belongs to, answered by the current champion. A query: it changes
 * nothing but this node's list of recent results, so viewers may call it.
 */
final class ClassifyOperation implements Operation<ClassifyInput, ClassifyOutput> {

    private final RecentResults recent;

    ClassifyOperation(RecentResults recent) {
        this.recent = recent;
    }

    @Override
    public String name() {
        return "classify";
    }

    @Override
    public String title() {
        return "Classify an image";
    }

    @Override
    public String description() {
        return "Upload an image (PNG, JPEG, GIF or BMP, base64 in JSON); answers the most likely class and every"
                + " class's probability.";
    }

    @Override
    public Kind kind() {
        return Kind.QUERY;
    }

    @Override
    public Class<ClassifyInput> inputType() {
        return ClassifyInput.class;
    }

    @Override
    public Class<ClassifyOutput> outputType() {
        return ClassifyOutput.class;
    }

    @Override
    public ClassifyOutput call(OperationContext context, ClassifyInput input) {
        Image image;
        try {
            image = ImageDecoder.decode(input.image());
        } catch (ImageDecoder.UnreadableImageException e) {
            throw OperationException.invalid("image: " + e.getMessage());
        }
        long started = System.nanoTime();
        ModelVersion champion = context.models().champion(ImageClassifierPlugin.MODEL).orElseThrow(
                () -> new OperationException(503, "no trained model yet: run the task " + ImageClassifierPlugin.ID
                        + ".train first"));
        Classification answer;
        try {
            answer = context.models().predict(ImageClassifierPlugin.MODEL, image);
        } catch (ModelUnavailableException e) {
            throw new OperationException(503, e.getMessage());
        }
        context.metrics().record("classify.seconds", (System.nanoTime() - started) / 1e9);
        context.metrics().increment("classifications", 1, "label", answer.label());
        recent.add(new RecentResult(Instant.now(), answer.label(), answer.confidence(), champion.version()),
                context.config().getInt(ImageClassifierPlugin.RECENT_RESULTS));
        return new ClassifyOutput(answer.label(), answer.confidence(), answer.probabilities(), champion.version());
    }
}
