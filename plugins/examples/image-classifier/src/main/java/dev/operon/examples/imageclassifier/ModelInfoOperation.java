package dev.operon.examples.imageclassifier;

import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;

/** {@code model-info}: the version answering classifications and its validation accuracy. */
final class ModelInfoOperation implements Operation<NoInput, ModelInfo> {

    @Override
    public String name() {
        return "model-info";
    }

    @Override
    public String title() {
        return "Current model";
    }

    @Override
    public Kind kind() {
        return Kind.QUERY;
    }

    @Override
    public Class<NoInput> inputType() {
        return NoInput.class;
    }

    @Override
    public Class<ModelInfo> outputType() {
        return ModelInfo.class;
    }

    @Override
    public ModelInfo call(OperationContext context, NoInput input) {
        return context.models().champion(ImageClassifierPlugin.MODEL)
                .map(v -> new ModelInfo(true, v.version(),
                        v.validationMetrics().get(CnnModelType.ACCURACY) * 100, v.createdAt()))
                .orElse(new ModelInfo(false, null, null, null));
    }
}
