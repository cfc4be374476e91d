package dev.operon.plugins.recommend.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The recommendation models the plugin trains; each is one model type {@code recommend.<name>}. */
public enum ModelKind {
    POPULARITY("popularity", "Most popular items"),
    ITEM_KNN("item-knn", "Item-based nearest neighbours"),
    BPR("bpr", "BPR matrix factorisation"),
    EASE("ease", "EASE linear autoencoder"),
    SASREC("sasrec", "Sequential Transformer (SASRec-style)"),
    RP3BETA("rp3beta", "RP3beta graph random walk"),
    USER_KNN("user-knn", "User-based nearest neighbours"),
    BLEND("blend", "Blend of EDLAE, RP3beta, RecVAE, iALS, SLIM and popularity"),
    EDLAE("edlae", "EDLAE linear autoencoder (emphasised denoising)"),
    MULT_VAE("mult-vae", "Mult-VAE variational autoencoder"),
    SLIM("slim", "SLIM sparse linear model (ElasticNet)"),
    MULT_DAE("mult-dae", "Mult-DAE denoising autoencoder"),
    IALS("ials", "iALS implicit matrix factorisation"),
    GF_CF("gf-cf", "GF-CF graph filter (linear and ideal low-pass)"),
    BSPM("bspm", "BSPM blurring-sharpening graph filter"),
    RECVAE("recvae", "RecVAE variational autoencoder (composite prior)");

    private final String id;
    private final String title;

    ModelKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The short name used on the command line ({@code --model}) and in the model type id. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The model type id: {@code recommend.<name>}. */
    public String typeId() {
        return "recommend." + id;
    }

    /** The kind named {@code name} (its {@link #id()}, any case). */
    public static Optional<ModelKind> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }

    /** The kind whose model type id is {@code typeId}. */
    public static Optional<ModelKind> ofType(String typeId) {
        return Arrays.stream(values()).filter(k -> k.typeId().equals(typeId)).findFirst();
    }
}
