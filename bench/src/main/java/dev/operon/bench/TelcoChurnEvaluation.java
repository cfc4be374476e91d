package dev.operon.bench;

import dev.operon.plugins.behaviour.cli.CsvTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The IBM Telco churn evaluation of {@code operon behaviour churn}, through the offline CLI contract exactly as an
 * outside caller runs it ({@code ./operon behaviour churn --train ... --score ... --output ...}, a fresh data folder).
 *
 * <p>The split is fixed and reproducible: rows are grouped by their {@code Churn} value in file order; each group is
 * shuffled with {@code Collections.shuffle(rows, new Random(SEED))} (one Random, the "Yes" group first); the first
 * {@code round(0.2 * size)} rows of each group form the test set, the rest the training set. The test file keeps the
 * label column (the command ignores it). ROC-AUC and PR-AUC (average precision) are computed here, independently of
 * the plugin's own metric code. {@code splitSeed=N} draws another split, to see how much one split's verdict owes to
 * the draw; the verdict is the fixed seed's.
 */
final class TelcoChurnEvaluation implements Benchmark {

    static final long SEED = 20261130L;
    private static final double TARGET = 0.85;

    private final Workspace workspace;
    private final Options options;

    TelcoChurnEvaluation(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
    }

    @Override
    public Report run() throws Exception {
        Path data = options.path("data", Path.of("/work/shared/data/telco-churn/Telco-Customer-Churn.csv"));
        Report report = new Report("telco-churn", options.all());
        Path dir = workspace.newDataDir("telco");
        CsvTable table = CsvTable.read(data);
        int label = table.requireColumn("Churn", "label");
        int id = table.requireColumn("customerID", "id");
        long seed = Long.parseLong(options.text("splitSeed", Long.toString(SEED)));
        Split split = split(table, label, seed);
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        write(table, split.train, train);
        write(table, split.test, test);
        Path output = dir.resolve("scores.csv");
        List<String> command = List.of(workspace.repo().resolve("operon").toString(), "behaviour", "churn",
                "--train", train.toString(), "--label", "Churn", "--id", "customerID", "--score", test.toString(),
                "--output", output.toString());
        Files.deleteIfExists(workspace.log("telco-churn"));
        String loadBefore = Machine.loadAverage();
        long started = System.nanoTime();
        int exit = OfflineCli.run(command, dir.resolve("data"), workspace.log("telco-churn"));
        double seconds = (System.nanoTime() - started) / 1e9;
        String log = Files.readString(workspace.log("telco-churn"));
        if (exit != 0) {
            throw new IllegalStateException("operon behaviour churn exited with " + exit + ":\n" + log);
        }
        Map<String, Double> scores = new HashMap<>();
        CsvTable out = CsvTable.read(output);
        for (int r = 0; r < out.size(); r++) {
            scores.put(out.row(r)[0], Double.parseDouble(out.row(r)[1]));
        }
        double[] s = new double[split.test.size()];
        boolean[] y = new boolean[split.test.size()];
        for (int i = 0; i < s.length; i++) {
            String[] row = table.row(split.test.get(i));
            Double value = scores.get(row[id]);
            if (value == null) {
                throw new IllegalStateException("no score for " + row[id]);
            }
            s[i] = value;
            y[i] = row[label].strip().equalsIgnoreCase("yes");
        }
        double auc = rocAuc(s, y);
        double ap = averagePrecision(s, y);
        report.table("Telco churn, stratified 80/20 split (seed " + seed + (seed == SEED ? ", the fixed one)"
                        : ", a sensitivity check; the verdict is on seed " + SEED + ")"),
                List.of("train rows", "test rows", "test churn rate", "ROC-AUC", "PR-AUC (AP)", "target",
                        "verdict", "wall s", "load before", "load after"),
                List.of(Report.row(split.train.size(), split.test.size(),
                        Report.num(positives(y) / (double) y.length, 3), Report.num(auc, 4), Report.num(ap, 4),
                        "ROC-AUC >= " + TARGET, auc >= TARGET ? "pass" : "FAIL", Report.num(seconds, 1),
                        loadBefore, Machine.loadAverage())));
        report.note("Command: `" + String.join(" ", command).replace(dir.toString(), "$DIR") + "`");
        report.note("Test ids SHA-256 (sorted, newline-joined): " + split.testIdsDigest(table, id));
        report.note("CLI output:\n```\n" + log.lines().filter(l -> l.startsWith("churn:")).reduce("",
                (a, b) -> a + b + "\n") + "```");
        report.put("rocAuc", auc);
        report.put("prAuc", ap);
        report.put("seconds", seconds);
        report.put("trainRows", split.train.size());
        report.put("testRows", split.test.size());
        return report;
    }

    record Split(List<Integer> train, List<Integer> test) {
        String testIdsDigest(CsvTable table, int id) throws Exception {
            List<String> ids = new ArrayList<>();
            for (int r : test) {
                ids.add(table.row(r)[id]);
            }
            Collections.sort(ids);
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
    }

    static Split split(CsvTable table, int label, long seed) {
        List<Integer> yes = new ArrayList<>();
        List<Integer> no = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            (table.row(r)[label].strip().equalsIgnoreCase("yes") ? yes : no).add(r);
        }
        Random random = new Random(seed);
        Set<Integer> test = new HashSet<>();
        for (List<Integer> group : List.of(yes, no)) {
            Collections.shuffle(group, random);
            test.addAll(group.subList(0, (int) Math.round(group.size() * 0.2)));
        }
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> testRows = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            (test.contains(r) ? testRows : trainRows).add(r);
        }
        return new Split(trainRows, testRows);
    }

    private static void write(CsvTable table, List<Integer> rows, Path file) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", table.header())).append('\n');
        for (int r : rows) {
            String[] fields = table.row(r).clone();
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].contains(",") || fields[i].contains("\"")) {
                    fields[i] = '"' + fields[i].replace("\"", "\"\"") + '"';
                }
            }
            text.append(String.join(",", fields)).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static int positives(boolean[] y) {
        int n = 0;
        for (boolean b : y) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Mann-Whitney: the share of (positive, negative) pairs ordered right, ties one half. */
    static double rocAuc(double[] s, boolean[] y) {
        Integer[] order = sorted(s);
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && s[order[j + 1]] == s[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                if (y[order[k]]) {
                    rankSum += (i + j) / 2.0 + 1;
                }
            }
            i = j + 1;
        }
        double p = positives(y);
        double n = y.length - p;
        return (rankSum - p * (p + 1) / 2) / (p * n);
    }

    /** Average precision as scikit-learn computes it (ties form one threshold). */
    static double averagePrecision(double[] s, boolean[] y) {
        Integer[] order = sorted(s);
        double p = positives(y);
        double ap = 0;
        double previousRecall = 0;
        int tp = 0;
        int seen = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && s[order[j - 1]] == s[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                seen++;
                tp += y[order[k]] ? 1 : 0;
            }
            double recall = tp / p;
            ap += (recall - previousRecall) * tp / (double) seen;
            previousRecall = recall;
            i = j - 1;
        }
        return ap;
    }

    private static Integer[] sorted(double[] s) {
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[a], s[b]));
        return order;
    }
}
