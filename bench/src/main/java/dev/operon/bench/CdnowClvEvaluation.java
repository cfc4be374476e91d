package dev.operon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CDNOW evaluation of {@code operon behaviour clv}: the fitted BG/NBD and Gamma-Gamma parameters against the
 * published lifetimes fit on the 2,357-customer CDNOW sample (39-week calibration period ending 1997-09-30, times in
 * weeks): r 0.2426, alpha 4.4135, a 0.7929, b 2.4258; p 6.25, q 3.74, v 15.45 (Gamma-Gamma on the customers with
 * repeat purchases, monetary value = mean of the repeat purchases). Three inputs, all through the CLI:
 *
 * <ol>
 *   <li>the summary lifetimes ships ({@code cdnow_customers_summary_with_transactions.csv}: x, t_x, T, zbar, which
 *       is what lifetimes' {@code load_cdnow_summary_data_with_monetary_value} returns);</li>
 *   <li>the frequency/recency/T-only summary ({@code cdnow_customers_summary.csv}, BG/NBD only);</li>
 *   <li>the raw transactions ({@code CDNOW_sample.txt}, converted to CSV: sample id, date, dollar value) summarised
 *       by the CLI with {@code --calibration-end 1997-09-30 --freq D --freq-multiplier 7} (exact weeks).</li>
 * </ol>
 */
final class CdnowClvEvaluation implements Benchmark {

    private static final Map<String, Double> PUBLISHED = new LinkedHashMap<>();

    static {
        PUBLISHED.put("r", 0.2426);
        PUBLISHED.put("alpha", 4.4135);
        PUBLISHED.put("a", 0.7929);
        PUBLISHED.put("b", 2.4258);
        PUBLISHED.put("p", 6.25);
        PUBLISHED.put("q", 3.74);
        PUBLISHED.put("v", 15.45);
    }

    private final Workspace workspace;
    private final Options options;

    CdnowClvEvaluation(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
    }

    @Override
    public Report run() throws Exception {
        Path data = options.path("data", Path.of("/work/shared/data/cdnow"));
        Report report = new Report("cdnow-clv", options.all());
        Path dir = workspace.newDataDir("cdnow");
        Files.deleteIfExists(workspace.log("cdnow-clv"));
        Path transactions = dir.resolve("cdnow_sample_transactions.csv");
        StringBuilder csv = new StringBuilder("customer_id,date,amount\n");
        for (String line : Files.readAllLines(data.resolve("CDNOW_sample.txt"), StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 5) {
                csv.append(Integer.parseInt(f[1])).append(',').append(f[2]).append(',').append(f[4]).append('\n');
            }
        }
        Files.writeString(transactions, csv);
        record Input(String name, List<String> args) {
        }
        List<Input> inputs = List.of(
                new Input("lifetimes summary with monetary value (x, t_x, T, zbar)",
                        List.of("--summary", data.resolve("cdnow_customers_summary_with_transactions.csv").toString())),
                new Input("lifetimes summary (frequency, recency, T)",
                        List.of("--summary", data.resolve("cdnow_customers_summary.csv").toString())),
                new Input("CDNOW_sample.txt transactions, summarised by the CLI",
                        List.of("--transactions", transactions.toString(), "--calibration-end", "1997-09-30",
                                "--freq", "D", "--freq-multiplier", "7")));
        List<List<String>> rows = new ArrayList<>();
        boolean allPass = true;
        int n = 0;
        for (Input input : inputs) {
            n++;
            Path output = dir.resolve("clv-" + n + ".csv");
            Path params = dir.resolve("params-" + n + ".json");
            List<String> command = new ArrayList<>(List.of(workspace.repo().resolve("operon").toString(),
                    "behaviour", "clv"));
            command.addAll(input.args);
            command.addAll(List.of("--output", output.toString(), "--params-output", params.toString()));
            long started = System.nanoTime();
            int exit = OfflineCli.run(command, dir.resolve("data"), workspace.log("cdnow-clv"));
            double seconds = (System.nanoTime() - started) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException("operon behaviour clv exited with " + exit + ": see "
                        + workspace.log("cdnow-clv"));
            }
            JsonNode fitted = OperonClient.JSON.readTree(params.toFile());
            double worst = 0;
            StringBuilder cells = new StringBuilder();
            for (Map.Entry<String, Double> e : PUBLISHED.entrySet()) {
                if (!fitted.has(e.getKey())) {
                    continue;
                }
                double value = fitted.get(e.getKey()).asDouble();
                double error = Math.abs(value / e.getValue() - 1);
                worst = Math.max(worst, error);
                cells.append(e.getKey()).append(' ').append(Report.num(value, 4)).append(" (")
                        .append(Report.num(100 * error, 2)).append(" %), ");
            }
            boolean pass = worst <= 0.01;
            allPass &= pass;
            rows.add(Report.row(input.name, cells.substring(0, cells.length() - 2), Report.num(100 * worst, 3) + " %",
                    pass ? "pass" : "FAIL", Report.num(seconds, 1)));
            report.note("Command " + n + ": `" + String.join(" ", command).replace(dir.toString(), "$DIR")
                    .replace(data.toString(), "$DATA") + "`");
            report.put("params" + n, OperonClient.JSON.convertValue(fitted, Map.class));
        }
        report.table("CDNOW sample, fitted parameters against lifetimes' published fit (relative error)",
                List.of("input", "parameters (error)", "largest error", "verdict (within 1 %)", "wall s"), rows);
        report.note("Overall: " + (allPass ? "pass" : "FAIL"));
        return report;
    }
}
