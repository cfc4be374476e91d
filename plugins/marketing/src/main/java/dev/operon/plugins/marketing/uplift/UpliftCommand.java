package dev.operon.plugins.marketing.uplift;

import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.cli.OutputFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code operon marketing uplift --train T.csv --treatment COL --outcome COL --id COL --score S.csv --output O.csv}:
 * learns who is persuadable from a past campaign (features, a 0/1 treatment, a 0/1 outcome) with the two-model
 * approach, reports the Qini coefficient on a fifth of T held out, then refits on all of T and writes
 * {@code id,score} for every row of S (score = treated minus untreated probability). A stable contract.
 */
public final class UpliftCommand implements OfflineCommand {

    static final int DEFAULT_EPOCHS = 30;
    static final long DEFAULT_SEED = 42;
    private static final int MIN_PER_GROUP = 10;

    @Override
    public String name() {
        return "uplift";
    }

    @Override
    public String description() {
        return "Predict each user's uplift (treated minus untreated conversion probability) from a past campaign";
    }

    @Override
    public String usage() {
        return """
                Usage: operon marketing uplift --train T.csv --treatment COL --outcome COL --id COL \\
                                               --score S.csv --output O.csv [--epochs N] [--seed N]
                  --train      CSV with a header: features, a 0/1 treatment column and a 0/1 outcome column
                  --treatment  the treatment column of T (1 = got the message, 0 = control)
                  --outcome    the outcome column of T (1 = converted)
                  --id         the id column (in T and S); never a feature
                  --score      CSV of the users to score, with the id and every feature column of T
                  --output     written as id,score for every row of S, in S's order
                  --epochs     training epochs of each model (default 30); --seed (default 42)
                Every other column of T is a feature: numeric when all its values are numbers, else categorical.
                Exit codes: 0 done, 2 bad usage or input (file and line named), 5 unexpected error.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (UpliftInputException e) {
            err.println("uplift: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        if (options.containsKey("help")) {
            out.println(usage());
            return 0;
        }
        try {
            return run(options, out);
        } catch (UpliftInputException e) {
            err.println("uplift: " + e.getMessage());
            return 2;
        }
    }

    private int run(Map<String, String> o, PrintStream out) throws Exception {
        int epochs = intOption(o, "epochs", DEFAULT_EPOCHS, 1, 1000);
        long seed = intOption(o, "seed", (int) DEFAULT_SEED, Integer.MIN_VALUE, Integer.MAX_VALUE);
        CsvFile train = CsvFile.read(Path.of(o.get("train")));
        int treatmentCol = train.column(o.get("treatment"), "--treatment");
        int outcomeCol = train.column(o.get("outcome"), "--outcome");
        int idCol = train.column(o.get("id"), "--id");
        if (treatmentCol == outcomeCol || treatmentCol == idCol || outcomeCol == idCol) {
            throw new UpliftInputException("--treatment, --outcome and --id must name three different columns");
        }
        CsvFile score = CsvFile.read(Path.of(o.get("score")));
        int scoreId = score.column(o.get("id"), "--id");
        boolean[] treated = binary(train, treatmentCol);
        boolean[] outcome = binary(train, outcomeCol);
        int nTreated = 0;
        for (boolean t : treated) {
            nTreated += t ? 1 : 0;
        }
        int nControl = treated.length - nTreated;
        if (nTreated < MIN_PER_GROUP || nControl < MIN_PER_GROUP) {
            throw new UpliftInputException(train.path + ": " + nTreated + " treated and " + nControl
                    + " control rows; each group needs at least " + MIN_PER_GROUP);
        }
        FeatureEncoder encoder = FeatureEncoder.learn(train, Set.of(train.header.get(treatmentCol),
                train.header.get(outcomeCol), train.header.get(idCol)));
        if (encoder.columns.isEmpty()) {
            throw new UpliftInputException(train.path + ":1: no feature column besides the id, treatment and outcome");
        }
        float[][] x = encoder.encode(train);
        float[][] s = encoder.encode(score);
        out.println("training on " + train.rows.size() + " rows (" + nTreated + " treated, " + nControl
                + " control), " + encoder.describe());

        SplittableRandom random = new SplittableRandom(seed);
        boolean[] validation = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            validation[i] = random.nextDouble() < 0.2;
        }
        double qini = validationQini(x, treated, outcome, validation, epochs, seed);
        out.printf("validation Qini coefficient (a fifth of the training rows, held out): %.5f%n", qini);

        double[] uplift;
        try (TwoModelUplift model = new TwoModelUplift()) {
            model.fit(x, treated, outcome, epochs, seed);
            uplift = model.predict(s);
        }
        Path output = Path.of(o.get("output"));
        if (output.getParent() != null && !Files.isDirectory(output.getParent())) {
            throw new UpliftInputException(output + ": its folder does not exist");
        }
        OutputFile.write(output, w -> {
            w.write("id,score\n");
            for (int r = 0; r < s.length; r++) {
                w.write(csv(score.rows.get(r)[scoreId]));
                w.write(',');
                w.write(Double.toString(Math.round(uplift[r] * 1e6) / 1e6));
                w.write('\n');
            }
        });
        out.println("wrote " + s.length + " scores to " + output);
        return 0;
    }

    private static double validationQini(float[][] x, boolean[] treated, boolean[] outcome, boolean[] validation,
                                         int epochs, long seed) throws Exception {
        int nv = 0;
        for (boolean v : validation) {
            nv += v ? 1 : 0;
        }
        float[][] fitX = new float[x.length - nv][];
        boolean[] fitT = new boolean[x.length - nv];
        boolean[] fitY = new boolean[x.length - nv];
        float[][] valX = new float[nv][];
        boolean[] valT = new boolean[nv];
        boolean[] valY = new boolean[nv];
        int a = 0;
        int b = 0;
        for (int i = 0; i < x.length; i++) {
            if (validation[i]) {
                valX[b] = x[i];
                valT[b] = treated[i];
                valY[b++] = outcome[i];
            } else {
                fitX[a] = x[i];
                fitT[a] = treated[i];
                fitY[a++] = outcome[i];
            }
        }
        int fitTreated = 0;
        for (boolean t : fitT) {
            fitTreated += t ? 1 : 0;
        }
        if (nv == 0 || fitTreated == 0 || fitTreated == fitT.length) {
            return Double.NaN;
        }
        try (TwoModelUplift model = new TwoModelUplift()) {
            model.fit(fitX, fitT, fitY, epochs, seed);
            return Qini.coefficient(model.predict(valX), valT, valY);
        }
    }

    private static boolean[] binary(CsvFile file, int column) throws UpliftInputException {
        boolean[] out = new boolean[file.rows.size()];
        for (int r = 0; r < out.length; r++) {
            String v = file.rows.get(r)[column].strip();
            switch (v) {
                case "1", "1.0", "true", "TRUE", "True" -> out[r] = true;
                case "0", "0.0", "false", "FALSE", "False" -> out[r] = false;
                default -> throw new UpliftInputException(file.at(r) + ": column " + file.header.get(column)
                        + " must be 0 or 1, found \"" + v + "\"");
            }
        }
        return out;
    }

    private static Map<String, String> options(List<String> args) throws UpliftInputException {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> known = Set.of("train", "treatment", "outcome", "id", "score", "output", "epochs", "seed");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.put("help", "");
                return out;
            }
            if (!a.startsWith("--")) {
                throw new UpliftInputException("unexpected argument \"" + a + "\"");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.size()) {
                    throw new UpliftInputException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (!known.contains(name)) {
                throw new UpliftInputException("unknown option --" + name);
            }
            if (out.put(name, value) != null) {
                throw new UpliftInputException("--" + name + " given twice");
            }
        }
        for (String required : List.of("train", "treatment", "outcome", "id", "score", "output")) {
            if (!out.containsKey(required) || out.get(required).isBlank()) {
                throw new UpliftInputException("--" + required + " is required");
            }
        }
        return out;
    }

    private static int intOption(Map<String, String> o, String name, int fallback, int min, int max)
            throws UpliftInputException {
        String v = o.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UpliftInputException("--" + name + ": expected a whole number from " + min + " to " + max
                    + ", found \"" + v + "\"");
        }
    }

    private static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
