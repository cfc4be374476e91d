package dev.operon.plugins.cs.understanding;

import ai.djl.util.Utils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a message into the classifier's input: the English encoder (all-MiniLM-L6-v2, mean pooled, 384 values) for
 * English text, the Chinese one (bge-small-zh-v1.5, CLS pooled, 512 values) for Chinese text, each in its own part
 * of one vector so that one classifier serves data sets that mix both languages; a model trained on one language
 * only has that language's part (its layout). The Chinese encoder is loaded on
 * the first Chinese message. One instance per JVM ({@link #shared()}); thread-safe.
 */
public final class MessageEncoder implements AutoCloseable {

    /** Dimensions of the English part. */
    public static final int ENGLISH_DIMENSIONS = 384;
    /** Dimensions of the Chinese part. */
    public static final int CHINESE_DIMENSIONS = 512;
    /** Names the encoders, stored with each trained model so that a model is never served with other encoders. */
    public static final String ENCODERS = "all-minilm-l6-v2+bge-small-zh-v1.5";

    private static MessageEncoder shared;

    private final Path cacheDir;
    private final int parallelism;
    private volatile SentenceEncoder english;
    private volatile SentenceEncoder chinese;

    MessageEncoder(Path cacheDir, int parallelism) {
        this.cacheDir = cacheDir;
        this.parallelism = parallelism;
    }

    /** The JVM's encoder, loaded on first use; the files are copied once under DJL's cache folder. */
    public static synchronized MessageEncoder shared() {
        if (shared == null) {
            shared = new MessageEncoder(Utils.getCacheDir().resolve("operon-cs"),
                    Runtime.getRuntime().availableProcessors());
        }
        return shared;
    }

    /** The encoder for {@code language}, loaded on first use. */
    public SentenceEncoder encoder(Language language) {
        if (language == Language.CHINESE) {
            SentenceEncoder e = chinese;
            if (e == null) {
                synchronized (this) {
                    if (chinese == null) {
                        chinese = SentenceEncoder.load("bge-small-zh-v1.5", CHINESE_DIMENSIONS,
                                SentenceEncoder.Pooling.CLS, cacheDir, parallelism);
                    }
                    e = chinese;
                }
            }
            return e;
        }
        SentenceEncoder e = english;
        if (e == null) {
            synchronized (this) {
                if (english == null) {
                    english = SentenceEncoder.load("all-minilm-l6-v2", ENGLISH_DIMENSIONS,
                            SentenceEncoder.Pooling.MEAN, cacheDir, parallelism);
                }
                e = english;
            }
        }
        return e;
    }

    /** The languages present in {@code texts}, in declaration order: the layout a model trained on them uses. */
    public static List<Language> layoutOf(List<String> texts) {
        java.util.EnumSet<Language> seen = java.util.EnumSet.noneOf(Language.class);
        for (String text : texts) {
            seen.add(Language.detect(text));
        }
        return List.copyOf(seen);
    }

    /** Length of a feature vector with {@code layout}. */
    public static int dimensions(List<Language> layout) {
        return layout.stream().mapToInt(l -> l == Language.CHINESE ? CHINESE_DIMENSIONS : ENGLISH_DIMENSIONS).sum();
    }

    /** A layout as stored with a model ({@code en}, {@code zh}, {@code en,zh}). */
    public static String layoutCode(List<Language> layout) {
        return String.join(",", layout.stream().map(Language::code).toList());
    }

    /** The layout of {@link #layoutCode}. */
    public static List<Language> parseLayout(String code) {
        return java.util.Arrays.stream(code.split(",")).map(Language::ofCode).toList();
    }

    /**
     * The feature vector of each text, in order: one block per language of {@code layout}, the block of the text's
     * language (detected from its characters) holding its sentence vector, the others zero. A text in a language the
     * layout lacks is encoded by the layout's first language's encoder.
     */
    public float[][] features(List<String> texts, List<Language> layout) {
        return features(texts, layout, null);
    }

    /**
     * {@link #features(List, List)} with {@code english} (a fine-tuned encoder of the same kind) in place of the
     * pretrained English encoder; null: the pretrained one.
     */
    public float[][] features(List<String> texts, List<Language> layout, SentenceEncoder english) {
        int dims = dimensions(layout);
        float[][] out = new float[texts.size()][];
        for (Language language : Language.values()) {
            List<Integer> rows = new ArrayList<>();
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                Language detected = Language.detect(texts.get(i));
                Language target = layout.contains(detected) ? detected : layout.get(0);
                if (target == language) {
                    rows.add(i);
                    batch.add(texts.get(i));
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            SentenceEncoder encoder = language == Language.ENGLISH && english != null ? english : encoder(language);
            List<float[]> vectors = encoder.encode(batch);
            int offset = 0;
            for (Language l : layout) {
                if (l == language) {
                    break;
                }
                offset += dimensions(List.of(l));
            }
            for (int k = 0; k < rows.size(); k++) {
                float[] feature = new float[dims];
                System.arraycopy(vectors.get(k), 0, feature, offset, vectors.get(k).length);
                out[rows.get(k)] = feature;
            }
        }
        return out;
    }

    /** {@link #features(List, List)} with every language's block. */
    public float[][] features(List<String> texts) {
        return features(texts, List.of(Language.values()));
    }

    @Override
    public synchronized void close() {
        if (english != null) {
            english.close();
            english = null;
        }
        if (chinese != null) {
            chinese.close();
            chinese = null;
        }
    }
}
