package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.ModelKind;
import java.util.ArrayList;
import java.util.List;

/** The trainer of each kind, and parsing of kind lists. */
public final class Trainers {

    private Trainers() {
    }

    public static KindTrainer of(ModelKind kind, long seed) {
        return switch (kind) {
            case POPULARITY -> new PopularityTrainer();
            case ITEM_KNN -> new ItemKnnTrainer();
            case EASE -> new EaseTrainer();
            case BPR -> new BprTrainer(seed);
            case SASREC -> new SequenceTrainer(seed);
            case RP3BETA -> new Rp3betaTrainer();
            case USER_KNN -> new UserKnnTrainer();
            case BLEND -> new BlendTrainer(seed);
            case EDLAE -> new EdlaeTrainer();
            case MULT_VAE -> new VaeTrainer(seed);
            case SLIM -> new SlimTrainer();
            case MULT_DAE -> VaeTrainer.denoising(seed);
            case IALS -> new IalsTrainer(seed);
            case GF_CF -> GraphFilterTrainer.gfcf();
            case BSPM -> GraphFilterTrainer.bspm();
            case RECVAE -> new RecVaeTrainer(seed);
        };
    }

    /** Kinds named in a comma-separated list such as {@code ease,bpr}; unknown names are refused. */
    public static List<ModelKind> parse(String list) {
        List<ModelKind> kinds = new ArrayList<>();
        for (String name : list.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            ModelKind kind = ModelKind.named(name).orElseThrow(() -> new IllegalArgumentException("unknown model '"
                    + name.strip() + "'; known: " + known()));
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no model named; known: " + known());
        }
        return kinds;
    }

    public static String known() {
        return String.join(", ", java.util.Arrays.stream(ModelKind.values()).map(ModelKind::id).toList());
    }
}
