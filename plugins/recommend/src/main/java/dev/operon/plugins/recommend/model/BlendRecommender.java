package dev.operon.plugins.recommend.model;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A weighted blend of models fitted on the same data: each part's scores for the user are put on one scale
 * ({@link Normalisation}: standardised over all items by default, or replaced by their rank), then summed with the
 * part's weight. Item similarity is the first part's that has one.
 */
public final class BlendRecommender extends BaseRecommender {

    /** How a part's scores for one user are put on a common scale before they are weighted and summed. */
    public enum Normalisation {
        /** Standardised over all items: mean 0, standard deviation 1 (z-scores). */
        STANDARD("z"),
        /** The rank among all items, linearly: the best item 1, the worst 0 (a Borda count). */
        RANK("rank"),
        /** As they are: for parts already on one scale (the blend search's normalised memos). */
        NONE("none");

        private final String id;

        Normalisation(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Normalisation named(String id) {
            for (Normalisation value : values()) {
                if (value.id.equals(id)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("unknown blend normalisation '" + id + "'");
        }

        /** Rewrites {@code scores[0..n)} in place on this scale. */
        public void apply(float[] scores, int n) {
            switch (this) {
                case STANDARD -> standardise(scores, n);
                case RANK -> rank(scores, n);
                case NONE -> { }
            }
        }
    }

    static final String FILE = "blend.properties";
    private final List<Recommender> parts;
    private final float[] weights;
    private final Normalisation normalisation;

    /** @param weights one per part; parts with weight 0 are not scored */
    public BlendRecommender(IdIndex users, IdIndex items, List<Recommender> parts, float[] weights) {
        this(users, items, parts, weights, Normalisation.STANDARD);
    }

    /** A blend whose parts' scores are put on one scale by {@code normalisation}. */
    public BlendRecommender(IdIndex users, IdIndex items, List<Recommender> parts, float[] weights,
                            Normalisation normalisation) {
        super(ModelKind.BLEND, users, items);
        this.normalisation = normalisation;
        if (parts.isEmpty() || weights.length != parts.size()) {
            throw new IllegalArgumentException("one weight per part expected");
        }
        for (Recommender part : parts) {
            if (part.items().size() != items.size()) {
                throw new IllegalArgumentException("every part must know the blend's items");
            }
        }
        this.parts = List.copyOf(parts);
        this.weights = weights.clone();
    }

    static BlendRecommender load(IdIndex users, IdIndex items, Path directory) throws IOException {
        Properties descriptor = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(FILE), StandardCharsets.UTF_8)) {
            descriptor.load(in);
        }
        int count = Integer.parseInt(descriptor.getProperty("parts"));
        List<Recommender> parts = new ArrayList<>();
        float[] weights = new float[count];
        try {
            for (int p = 0; p < count; p++) {
                parts.add(RecommenderFiles.load(directory.resolve(partFolder(p))));
                weights[p] = Float.parseFloat(descriptor.getProperty("weight." + p));
            }
        } catch (IOException | RuntimeException e) {
            parts.forEach(Recommender::close);
            throw e;
        }
        Normalisation normalisation = Normalisation.named(descriptor.getProperty("normalisation",
                Normalisation.STANDARD.id()));
        return new BlendRecommender(users, items, parts, weights, normalisation);
    }

    private static String partFolder(int p) {
        return "part-" + p;
    }

    /** The blended models, in order. */
    public List<Recommender> parts() {
        return parts;
    }

    /** Each part's weight. */
    public float[] weights() {
        return weights.clone();
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        int n = items.size();
        Arrays.fill(out, 0, n, 0f);
        float[] part = new float[n];
        for (int p = 0; p < parts.size(); p++) {
            if (weights[p] == 0f) {
                continue;
            }
            parts.get(p).score(user, history, part);
            normalisation.apply(part, n);
            float weight = weights[p];
            for (int i = 0; i < n; i++) {
                out[i] += part[i] * weight;
            }
        }
    }

    private static void standardise(float[] scores, int n) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            sum += scores[i];
            squares += (double) scores[i] * scores[i];
        }
        double mean = sum / n;
        double deviation = Math.sqrt(Math.max(0, squares / n - mean * mean));
        if (deviation == 0) {
            // a part that cannot tell the items apart adds nothing
            Arrays.fill(scores, 0, n, 0f);
            return;
        }
        float scale = (float) (1 / deviation);
        float shift = (float) mean;
        for (int i = 0; i < n; i++) {
            scores[i] = (scores[i] - shift) * scale;
        }
    }

    private static void rank(float[] scores, int n) {
        if (n < 2) {
            Arrays.fill(scores, 0, n, 0f);
            return;
        }
        // sort (score, index) pairs packed in longs: the float's order-preserving bits high, the index low
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            // + 0f turns -0 into 0, which the comparison of the bits below would otherwise order apart
            int bits = Float.floatToIntBits(scores[i] + 0f);
            int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
            keyed[i] = ((long) ordered << 32) | i;
        }
        Arrays.sort(keyed);
        float step = 1f / (n - 1);
        for (int r = 0; r < n; r++) {
            scores[(int) keyed[r]] = r * step;
        }
    }

    @Override
    public Optional<ItemSimilarity> similarity() {
        return parts.stream().map(Recommender::similarity).flatMap(Optional::stream).findFirst();
    }

    @Override
    public void saveState(Path directory) throws IOException {
        Properties descriptor = new Properties();
        descriptor.setProperty("parts", Integer.toString(parts.size()));
        descriptor.setProperty("normalisation", normalisation.id());
        for (int p = 0; p < parts.size(); p++) {
            descriptor.setProperty("weight." + p, Float.toString(weights[p]));
            descriptor.setProperty("kind." + p, parts.get(p).kind().id());
            RecommenderFiles.save(parts.get(p), directory.resolve(partFolder(p)));
        }
        try (Writer out = Files.newBufferedWriter(directory.resolve(FILE), StandardCharsets.UTF_8)) {
            descriptor.store(out, "operon recommender blend");
        }
    }

    @Override
    public void close() {
        parts.forEach(Recommender::close);
    }
}
