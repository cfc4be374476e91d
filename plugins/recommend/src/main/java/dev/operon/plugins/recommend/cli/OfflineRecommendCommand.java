package dev.operon.plugins.recommend.cli;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.model.TopItems;
import dev.operon.plugins.recommend.train.BlendTrainer;
import dev.operon.plugins.recommend.train.KindTrainer;
import dev.operon.plugins.recommend.train.ModelSearch;
import dev.operon.plugins.recommend.train.PopularityTrainer;
import dev.operon.plugins.recommend.train.Trainers;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.cli.OutputFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code operon recommend offline --train T.csv --n 10 --output O.csv [--model NAME]}: trains on T alone and writes
 * the top n unseen items of every user in T as {@code user,item,rank}.
 */
public final class OfflineRecommendCommand implements OfflineCommand {

    /**
     * The kinds tried when no {@code --model} is given; the best on a validation split carved from T wins. The
     * blend searches EDLAE, RP3beta, RecVAE, iALS, SLIM and their mix (each part alone included, so it is at least
     * as good on validation as any of them alone); item-kNN is cheap. Above {@link #EASE_MAX_ITEMS} items, where
     * EASE does not fit, RP3beta, item-kNN and BPR.
     */
    public static final List<ModelKind> DEFAULT_KINDS = List.of(ModelKind.BLEND, ModelKind.ITEM_KNN);
    static final List<ModelKind> LARGE_CATALOGUE_KINDS = List.of(ModelKind.RP3BETA, ModelKind.ITEM_KNN,
            ModelKind.BPR);
    static final int MAX_N = 1000;
    static final int EASE_MAX_ITEMS = 8000;

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public String description() {
        return "Train on a user,item CSV and write each user's top n unseen items";
    }

    @Override
    public String usage() {
        return """
                usage: operon recommend offline --train T.csv --n N --output O.csv [--model NAME] [--seed S]
                  --train   CSV with a header naming user and item, optionally weight and timestamp
                  --n       items per user, 1 to %d
                  --output  written as user,item,rank (rank 1 first), never an item the user has in T
                  --model   one of %s (default: the best on a validation split of T of blend
                            (%s mixed) and item-knn, or of rp3beta, item-knn and bpr above
                            %d items; popularity when no user has %d items to hold some out)
                  --seed    random seed (default 42)""".formatted(MAX_N, Trainers.known(),
                BlendTrainer.PARTS.stream().map(ModelKind::id).collect(Collectors.joining(", ")), EASE_MAX_ITEMS,
                ModelSearch.VALIDATION_MIN_ITEMS);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        oneTorchThreadUnlessSet();
        Arguments arguments;
        Interactions data;
        try {
            arguments = Arguments.parse(args);
            data = InteractionCsv.read(arguments.train());
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        long started = System.nanoTime();
        out.printf(Locale.ROOT, "read %d users, %d items, %d user-item pairs from %s%n", data.userCount(),
                data.itemCount(), data.size(), arguments.train());
        KindTrainer.Progress progress = line -> out.println("  " + line);
        ModelKind kind;
        Recommender model;
        if (ModelSearch.canValidate(data)) {
            ModelSearch.Result best = bestOnValidation(arguments, data, out, progress);
            kind = best.kind();
            model = best.model();
        } else {
            out.printf(Locale.ROOT, "too little data to choose a model: no user has %d or more items; "
                    + "recommending the most popular items%n", ModelSearch.VALIDATION_MIN_ITEMS);
            kind = ModelKind.POPULARITY;
            model = new PopularityTrainer().fit(data, Map.of(), null, progress).model();
        }
        try (model) {
            int rows = write(model, data, arguments.n(), arguments.output());
            out.printf(Locale.ROOT, "wrote %d rows with %s to %s in %.1f s%n", rows, kind.id(),
                    arguments.output(), (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }

    /**
     * The kind that scores best on a validation split of {@code data} (the named one alone with {@code --model}),
     * its model fitted again on all of {@code data}.
     */
    private static ModelSearch.Result bestOnValidation(Arguments arguments, Interactions data, PrintStream out,
                                                       KindTrainer.Progress progress) throws Exception {
        List<ModelKind> kinds = arguments.model() != null ? List.of(arguments.model())
                : data.itemCount() <= EASE_MAX_ITEMS ? DEFAULT_KINDS : LARGE_CATALOGUE_KINDS;
        ModelSearch.Result best = null;
        for (ModelKind kind : kinds) {
            ModelSearch.Result result = kinds.size() == 1
                    ? ModelSearch.tuneAndRefit(Trainers.of(kind, arguments.seed()), data, arguments.seed(), progress)
                    : ModelSearch.tuneOnly(Trainers.of(kind, arguments.seed()), data, arguments.seed(), progress);
            out.printf(Locale.ROOT, "%s: validation ndcg@10 %.4f (%s) in %.1f s%n", kind.id(),
                    result.validation().get("ndcg@10"), result.params(), result.seconds());
            if (best == null || result.validation().get("ndcg@10") > best.validation().get("ndcg@10")) {
                if (best != null) {
                    best.model().close();
                }
                best = result;
            } else {
                result.model().close();
            }
        }
        return kinds.size() == 1 ? best : new ModelSearch.Result(best.kind(),
                ModelSearch.refit(Trainers.of(best.kind(), arguments.seed()), data, best, progress), best.params(),
                best.validation(), best.seconds());
    }

    /**
     * One PyTorch intra-op thread unless the user chose (property or {@code OMP_NUM_THREADS}): the networks here
     * are small, and with two threads on a shared 2-core machine PyTorch's pool spins at its barriers. Measured on
     * all of MovieLens-100K at load 3-5 (docs/benchmarks.md, 2026-12-01): 167 CPU s and 203 s wall against 339
     * CPU s and 430 s with the default, the same output. Read when the engine starts, which this command is first
     * to do.
     */
    private static void oneTorchThreadUnlessSet() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null && System.getenv("OMP_NUM_THREADS") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
    }

    /** Writes the top n unseen items of every user; returns the rows written. */
    static int write(Recommender model, Interactions data, int n, Path output) throws java.io.IOException {
        int items = data.itemCount();
        int[] rows = new int[1];
        OutputFile.write(output, writer -> {
            writer.write("user,item,rank\n");
            float[] scores = new float[items];
            for (int u = 0; u < data.userCount(); u++) {
                int[] history = data.itemsOf(u);
                model.score(u, history, scores);
                BitSet seen = new BitSet(items);
                for (int i : history) {
                    seen.set(i);
                }
                int[] top = TopItems.top(scores, items, n, i -> !seen.get(i));
                String user = quote(data.users().id(u));
                for (int r = 0; r < top.length; r++) {
                    writer.write(user);
                    writer.write(',');
                    writer.write(quote(data.items().id(top[r])));
                    writer.write(',');
                    writer.write(Integer.toString(r + 1));
                    writer.write('\n');
                    rows[0]++;
                }
            }
        });
        return rows[0];
    }


    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** The parsed command line. */
    record Arguments(Path train, int n, Path output, ModelKind model, long seed) {

        static Arguments parse(List<String> args) throws UsageException {
            Path train = null;
            Path output = null;
            Integer n = null;
            ModelKind model = null;
            long seed = 42;
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new UsageException(option + " needs a value");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--train" -> train = Path.of(value);
                    case "--output" -> output = Path.of(value);
                    case "--n" -> n = integer("--n", value);
                    case "--model" -> model = ModelKind.named(value).orElseThrow(() -> new UsageException(
                            "--model '" + value + "' is unknown; known: " + Trainers.known()));
                    case "--seed" -> seed = integer("--seed", value);
                    default -> throw new UsageException("unknown option " + option);
                }
            }
            if (train == null || output == null || n == null) {
                throw new UsageException("--train, --n and --output are required");
            }
            if (n < 1 || n > MAX_N) {
                throw new UsageException("--n must be between 1 and " + MAX_N + ", not " + n);
            }
            return new Arguments(train, n, output, model, seed);
        }

        private static int integer(String option, String value) throws UsageException {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new UsageException(option + " must be a whole number, not '" + value + "'");
            }
        }
    }
}
