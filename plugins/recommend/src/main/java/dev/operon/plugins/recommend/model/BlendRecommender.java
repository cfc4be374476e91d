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
 * A weighted blend of models fitted on the same data: each part's scores for the user are standardised over all
 * items (mean 0, standard deviation 1, so parts on different scales can be mixed), then summed with the part's
 * weight. Item similarity is the first part's that has one.
 */
public final class BlendRecommender extends BaseRecommender {

    static final String FILE = "blend.properties";
    private final List<Recommender> parts;
    private final float[] weights;

    /** @param weights one per part; parts with weight 0 are not scored */
    public BlendRecommender(IdIndex users, IdIndex items, List<Recommender> parts, float[] weights) {
        super(ModelKind.BLEND, users, items);
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
        return new BlendRecommender(users, items, parts, weights);
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
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                sum += part[i];
                squares += (double) part[i] * part[i];
            }
            double mean = sum / n;
            double deviation = Math.sqrt(Math.max(0, squares / n - mean * mean));
            if (deviation == 0) {
                continue;
            }
            float scale = (float) (weights[p] / deviation);
            float shift = (float) mean;
            for (int i = 0; i < n; i++) {
                out[i] += (part[i] - shift) * scale;
            }
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
