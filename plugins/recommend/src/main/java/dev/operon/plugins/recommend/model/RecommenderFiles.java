package dev.operon.plugins.recommend.model;

import dev.operon.sdk.model.ModelFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Saves and loads any {@link Recommender} as a folder: {@code recommender.properties} (kind, sizes), the id maps,
 * and the model's own files. The folder is what a training task registers as a model version and what
 * {@link ModelFiles} gives back when the platform restores it.
 */
public final class RecommenderFiles {

    /** The name versions are registered under ({@code ModelDraft.modelName}). */
    public static final String MODEL_NAME = "recommender";
    static final String DESCRIPTOR = "recommender.properties";
    static final String USERS = "users.bin";
    static final String ITEMS = "items.bin";

    private RecommenderFiles() {
    }

    /** Writes {@code model} to {@code directory} (created when missing). */
    public static void save(Recommender model, Path directory) throws IOException {
        Files.createDirectories(directory);
        Properties descriptor = new Properties();
        descriptor.setProperty("kind", model.kind().id());
        descriptor.setProperty("users", Integer.toString(model.users().size()));
        descriptor.setProperty("items", Integer.toString(model.items().size()));
        try (Writer out = Files.newBufferedWriter(directory.resolve(DESCRIPTOR), StandardCharsets.UTF_8)) {
            descriptor.store(out, "operon recommender");
        }
        ArrayFiles.writeIds(directory.resolve(USERS), model.users());
        ArrayFiles.writeIds(directory.resolve(ITEMS), model.items());
        model.saveState(directory);
    }

    /** Loads a registered version. */
    public static Recommender load(ModelFiles files) throws IOException {
        return load(files.directory());
    }

    /** Loads what {@link #save} wrote. */
    public static Recommender load(Path directory) throws IOException {
        ModelKind kind = kindOf(directory);
        IdIndex users = ArrayFiles.readIds(directory.resolve(USERS));
        IdIndex items = ArrayFiles.readIds(directory.resolve(ITEMS));
        return switch (kind) {
            case POPULARITY -> PopularityRecommender.load(users, items, directory);
            case ITEM_KNN, RP3BETA -> ItemKnnRecommender.load(kind, users, items, directory);
            case USER_KNN -> UserKnnRecommender.load(users, items, directory);
            case BLEND -> BlendRecommender.load(users, items, directory);
            case EASE, EDLAE, SLIM, GF_CF, BSPM -> EaseRecommender.load(kind, users, items, directory);
            case BPR, IALS -> FactorRecommender.load(kind, users, items, directory);
            case SASREC -> SequenceRecommender.load(users, items, directory);
            case MULT_VAE, MULT_DAE -> VaeRecommender.load(kind, users, items, directory);
            case RECVAE -> RecVaeRecommender.load(users, items, directory);
        };
    }

    /** The kind of the model saved in {@code directory}. */
    public static ModelKind kindOf(Path directory) throws IOException {
        Properties descriptor = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(DESCRIPTOR), StandardCharsets.UTF_8)) {
            descriptor.load(in);
        }
        String name = descriptor.getProperty("kind");
        return ModelKind.named(name).orElseThrow(() -> new IOException("unknown recommender kind '" + name + "' in "
                + directory.resolve(DESCRIPTOR)));
    }
}
