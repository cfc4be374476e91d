package dev.operon.plugins.cs.understanding;

import ai.djl.util.Utils;
import dev.operon.plugins.cs.understanding.minilm.FineTunedWeights;
import dev.operon.plugins.cs.understanding.minilm.MiniLmTokens;
import dev.operon.plugins.cs.understanding.minilm.OnnxInitializers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 with fine-tuned weights, served like the pretrained encoder: the weights (a half-precision file,
 * {@link FineTunedWeights}) are written into a copy of the pretrained ONNX graph ({@link OnnxInitializers#patch}), and
 * that graph runs in ONNX Runtime. Same graph, same runtime: a message costs what it costs with the pretrained
 * encoder. Loaded encoders are shared by the checksum of their weights file while anything uses them, and closed
 * when nothing refers to them any more.
 */
public final class FineTunedEncoder {

    /** The weights file's name in a model version's folder. */
    public static final String FILE = "encoder.f16";

    private static final Cleaner CLEANER = Cleaner.create();
    private static final Map<String, WeakReference<FineTunedEncoder>> LOADED = new HashMap<>();

    private final SentenceEncoder encoder;
    private final String checksum;

    private FineTunedEncoder(SentenceEncoder encoder, String checksum) {
        this.encoder = encoder;
        this.checksum = checksum;
    }

    /** The encoder of the weights in {@code weightsFile}: already loaded when its content was loaded before. */
    public static FineTunedEncoder load(Path weightsFile) {
        try {
            String checksum = sha256(weightsFile);
            synchronized (LOADED) {
                WeakReference<FineTunedEncoder> known = LOADED.get(checksum);
                FineTunedEncoder existing = known == null ? null : known.get();
                if (existing != null) {
                    return existing;
                }
                FineTunedEncoder created = new FineTunedEncoder(patched(weightsFile), checksum);
                SentenceEncoder inner = created.encoder;
                CLEANER.register(created, () -> {
                    inner.close();
                    synchronized (LOADED) {
                        WeakReference<FineTunedEncoder> current = LOADED.get(checksum);
                        if (current != null && current.get() == null) {
                            LOADED.remove(checksum);
                        }
                    }
                });
                LOADED.put(checksum, new WeakReference<>(created));
                return created;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the fine-tuned encoder " + weightsFile, e);
        }
    }

    private static SentenceEncoder patched(Path weightsFile) throws IOException {
        Path cache = Utils.getCacheDir().resolve("operon-cs");
        Path pretrained = SentenceEncoder.resourceFile(MiniLmTokens.RESOURCE, MiniLmTokens.RESOURCE + ".onnx", cache);
        Path tokenizer = SentenceEncoder.resourceFile(MiniLmTokens.RESOURCE,
                MiniLmTokens.RESOURCE + "-tokenizer.json", cache);
        Map<String, OnnxInitializers.Tensor> weights = FineTunedWeights.read(weightsFile);
        weights.keySet().removeIf(name -> name.startsWith("head."));
        Path dir = Files.createTempDirectory("cs-encoder-");
        Path onnx = dir.resolve(MiniLmTokens.RESOURCE + ".onnx");
        try {
            OnnxInitializers.patch(pretrained, weights, onnx);
            // ONNX Runtime reads the whole graph when the model loads: the copy is not needed afterwards
            return SentenceEncoder.load(MiniLmTokens.RESOURCE + "-fine-tuned", onnx, tokenizer,
                    MessageEncoder.ENGLISH_DIMENSIONS, SentenceEncoder.Pooling.MEAN,
                    Runtime.getRuntime().availableProcessors());
        } finally {
            Files.deleteIfExists(onnx);
            Files.deleteIfExists(dir);
        }
    }

    /** The encoder (mean pooled, L2-normalised vectors of 384 values, like the pretrained one). */
    public SentenceEncoder encoder() {
        return encoder;
    }

    /** SHA-256 of the weights file (lowercase hex): names the weights in a model version's properties. */
    public String checksum() {
        return checksum;
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
