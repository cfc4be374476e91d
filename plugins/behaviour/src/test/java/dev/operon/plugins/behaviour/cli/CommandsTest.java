package dev.operon.plugins.behaviour.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline commands' contract: formats, order, exit codes and messages. */
class CommandsTest {

    @TempDir
    Path dir;

    record Outcome(int exit, String out, String err) {
    }

    static Outcome run(dev.operon.sdk.cli.OfflineCommand command, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A small churn file with quoted categories holding commas, CRLF ends, a BOM and blank numbers. */
    private Path churnFile(String name, int rows, long seed, boolean withLabel, String labelYes, String labelNo)
            throws Exception {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("\uFEFFcustomer,plan,tenure,charges" + (withLabel ? ",Churned" : "")
                + "\r\n");
        for (int r = 0; r < rows; r++) {
            boolean monthly = random.nextBoolean();
            int tenure = random.nextInt(60);
            boolean churn = random.nextDouble() < 1 / (1 + Math.exp(-(1.5 - 0.08 * tenure + (monthly ? 1.5 : -1))));
            csv.append("id-").append(seed).append('-').append(r).append(',')
                    .append(monthly ? "\"monthly, no contract\"" : "yearly").append(',')
                    .append(tenure).append(',')
                    .append(r % 40 == 0 ? " " : Integer.toString(20 + random.nextInt(80)));
            if (withLabel) {
                csv.append(',').append(churn ? labelYes : labelNo);
            }
            csv.append("\r\n");
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void churnWritesOneScoreForEveryRowInTheScoreFilesOrder() throws Exception {
        Path train = churnFile("train.csv", 600, 1, true, "Yes", "no");
        Path score = churnFile("score.csv", 50, 2, false, "", "");
        Path output = dir.resolve("out/scores.csv");
        Outcome outcome = run(new ChurnCommand(), "--train", train.toString(), "--label", "Churned", "--id",
                "customer", "--score", score.toString(), "--output", output.toString(), "--explain", "--top", "2");
        assertEquals(0, outcome.exit, outcome.err);
        List<String> lines = Files.readAllLines(output);
        assertEquals("id,score,top_features", lines.get(0));
        assertEquals(51, lines.size());
        CsvTable written = CsvTable.read(output);
        CsvTable input = CsvTable.read(score);
        for (int r = 0; r < 50; r++) {
            assertEquals(input.row(r)[0], written.row(r)[0]);
            double p = Double.parseDouble(written.row(r)[1]);
            assertTrue(p > 0 && p < 1, "probability " + p);
            assertEquals(2, written.row(r)[2].split("; ").length, written.row(r)[2]);
        }
        Path fresh = Files.createFile(output.resolveSibling("fresh"));
        assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(output),
                "the output has the permissions of any new file (the umask), not owner-only");
        try (var left = Files.list(output.getParent())) {
            assertEquals(List.of("fresh", "scores.csv"), left.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void labelsLike10AndTrueFalseAreUnderstoodAndOtherValuesNeedPositive() throws Exception {
        Path score = churnFile("score.csv", 10, 2, false, "", "");
        Path ones = churnFile("ones.csv", 300, 3, true, "1", "0");
        Outcome ok = run(new ChurnCommand(), "--train", ones.toString(), "--label", "Churned", "--id", "customer",
                "--score", score.toString(), "--output", dir.resolve("o1.csv").toString());
        assertEquals(0, ok.exit, ok.err);
        Path words = churnFile("words.csv", 300, 3, true, "Churned", "Stayed");
        Outcome refused = run(new ChurnCommand(), "--train", words.toString(), "--label", "Churned", "--id",
                "customer", "--score", score.toString(), "--output", dir.resolve("o2.csv").toString());
        assertEquals(2, refused.exit);
        assertTrue(refused.err.contains("words.csv:2: column 'Churned': label 'Stayed'")
                || refused.err.contains("words.csv:2: column 'Churned': label 'Churned'"), refused.err);
        assertTrue(refused.err.contains("--positive"), refused.err);
        assertFalse(Files.exists(dir.resolve("o2.csv")), "no output on failure");
        Outcome named = run(new ChurnCommand(), "--train", words.toString(), "--label", "Churned", "--id",
                "customer", "--score", score.toString(), "--output", dir.resolve("o3.csv").toString(), "--positive",
                "churned");
        assertEquals(0, named.exit, named.err);
    }

    @Test
    void usageMistakesAndBadInputExitWith2AndSayWhat() throws Exception {
        Outcome missing = run(new ChurnCommand(), "--train", "t.csv");
        assertEquals(2, missing.exit);
        assertTrue(missing.err.contains("--label is required"), missing.err);
        Outcome unknown = run(new ChurnCommand(), "--trian", "t.csv");
        assertEquals(2, unknown.exit);
        assertTrue(unknown.err.contains("unknown option '--trian'"), unknown.err);
        Outcome absent = run(new ChurnCommand(), "--train", dir.resolve("nope.csv").toString(), "--label", "y",
                "--id", "i", "--score", "s.csv", "--output", "o.csv");
        assertEquals(2, absent.exit);
        assertTrue(absent.err.contains("nope.csv: no such file"), absent.err);
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "id,x,y\n1,2,Yes\n2,3\n");
        Outcome bad = run(new ChurnCommand(), "--train", ragged.toString(), "--label", "y", "--id", "id",
                "--score", ragged.toString(), "--output", dir.resolve("o.csv").toString());
        assertEquals(2, bad.exit);
        assertTrue(bad.err.contains("ragged.csv:3: expected 3 fields"), bad.err);
        Path oneClass = dir.resolve("one.csv");
        Files.writeString(oneClass, "id,x,y\n1,2,Yes\n2,3,Yes\n3,4,Yes\n");
        Outcome single = run(new ChurnCommand(), "--train", oneClass.toString(), "--label", "y", "--id", "id",
                "--score", oneClass.toString(), "--output", dir.resolve("o.csv").toString());
        assertEquals(2, single.exit);
        assertTrue(single.err.contains("at least 2 positive and 2 negative"), single.err);
        Outcome noLabel = run(new ChurnCommand(), "--train", oneClass.toString(), "--label", "churn", "--id", "id",
                "--score", oneClass.toString(), "--output", dir.resolve("o.csv").toString());
        assertEquals(2, noLabel.exit);
        assertTrue(noLabel.err.contains("no column 'churn' (--label); its columns are [id, x, y]"), noLabel.err);
    }

    @Test
    void clvFromASummaryWritesParamsAndOnePredictionPerCustomer() throws Exception {
        Path summary = dir.resolve("summary.csv");
        StringBuilder csv = new StringBuilder("id,frequency,recency,T,monetary_value\n");
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            int x = random.nextInt(5);
            double t = 30;
            double rec = x == 0 ? 0 : 1 + random.nextInt(29);
            csv.append("c").append(i).append(',').append(x).append(',').append(rec).append(',').append(t)
                    .append(',').append(x == 0 ? 0 : 10 + random.nextInt(40)).append('\n');
        }
        Files.writeString(summary, csv);
        Path out = dir.resolve("clv.csv");
        Path params = dir.resolve("p.json");
        Outcome outcome = run(new ClvCommand(), "--summary", summary.toString(), "--output", out.toString(),
                "--params-output", params.toString(), "--period", "10");
        assertEquals(0, outcome.exit, outcome.err);
        String json = Files.readString(params);
        for (String key : List.of("\"r\"", "\"alpha\"", "\"a\"", "\"b\"", "\"p\"", "\"q\"", "\"v\"")) {
            assertTrue(json.contains(key), json);
        }
        CsvTable table = CsvTable.read(out);
        assertEquals(List.of("id", "expected_purchases", "expected_value"), table.header());
        assertEquals(300, table.size());
        assertEquals("c0", table.row(0)[0]);
        for (int r = 0; r < table.size(); r++) {
            assertTrue(Double.parseDouble(table.row(r)[1]) >= 0);
            assertTrue(Double.parseDouble(table.row(r)[2]) >= 0);
        }
        assertFalse(outcome.err.contains("warning"), outcome.err);
    }

    @Test
    void withoutARepeatPurchaseTheClvFitIsWrittenWithAWarning() throws Exception {
        StringBuilder none = new StringBuilder("id,frequency,recency,T,monetary_value\n");
        StringBuilder alike = new StringBuilder("id,frequency,recency,T,monetary_value\n");
        for (int i = 0; i < 50; i++) {
            none.append("c").append(i).append(",0,0,").append(30 + i % 5).append(",0\n");
            alike.append("c").append(i).append(",3,30,30,10\n");
        }
        Path summary = dir.resolve("none.csv");
        Files.writeString(summary, none);
        Outcome outcome = run(new ClvCommand(), "--summary", summary.toString(), "--output",
                dir.resolve("d.csv").toString(), "--params-output", dir.resolve("d.json").toString());
        assertEquals(0, outcome.exit, outcome.err);
        assertTrue(outcome.err.contains("clv: warning: no customer made a repeat purchase"), outcome.err);
        assertEquals(51, Files.readAllLines(dir.resolve("d.csv")).size());

        // all alike is a limiting case the fit handles (one purchase rate for everyone): no warning, that rate
        Files.writeString(summary, alike);
        Outcome same = run(new ClvCommand(), "--summary", summary.toString(), "--output",
                dir.resolve("d.csv").toString(), "--params-output", dir.resolve("d.json").toString(), "--period",
                "10");
        assertFalse(same.err.contains("warning"), same.err);
        double expected = Double.parseDouble(Files.readAllLines(dir.resolve("d.csv")).get(1).split(",")[1]);
        assertTrue(expected > 0.9 && expected < 1.05, "3 purchases in 30 days: about 1 in the next 10, " + expected);
    }

    @Test
    void clvFromTransactionsAndItsErrors() throws Exception {
        Path tx = dir.resolve("tx.csv");
        Files.writeString(tx, "customer_id,date,amount\na,2024-01-01,10\na,2024-01-05,12\nb,2024-01-02,5\n"
                + "c,2024-01-03,7\nc,2024-01-20,9\nc,2024-02-01,11\nd,2024-01-04,3\n");
        Path summaryOut = dir.resolve("s.csv");
        Outcome outcome = run(new ClvCommand(), "--transactions", tx.toString(), "--calibration-end", "2024-02-15",
                "--summary-output", summaryOut.toString(), "--output", dir.resolve("o.csv").toString(),
                "--params-output", dir.resolve("p.json").toString());
        assertEquals(0, outcome.exit, outcome.err);
        List<String> summary = Files.readAllLines(summaryOut);
        assertEquals("id,frequency,recency,T,monetary_value", summary.get(0));
        assertEquals("a,1,4,45,12", summary.get(1));
        assertEquals("c,2,29,43,10", summary.get(3));

        Path badDate = dir.resolve("bad.csv");
        Files.writeString(badDate, "customer_id,date,amount\na,2024-01-01,10\na,01/05/2024,12\n");
        Outcome bad = run(new ClvCommand(), "--transactions", badDate.toString(), "--calibration-end",
                "2024-02-15", "--output", dir.resolve("o.csv").toString(), "--params-output",
                dir.resolve("p.json").toString());
        assertEquals(2, bad.exit);
        assertTrue(bad.err.contains("bad.csv:3: '01/05/2024' is not a date"), bad.err);

        Path badSummary = dir.resolve("bs.csv");
        Files.writeString(badSummary, "id,frequency,recency,T\n1,2,40,30\n");
        Outcome inconsistent = run(new ClvCommand(), "--summary", badSummary.toString(), "--output",
                dir.resolve("o.csv").toString(), "--params-output", dir.resolve("p.json").toString());
        assertEquals(2, inconsistent.exit);
        assertTrue(inconsistent.err.contains("bs.csv:2: recency (40.0) must not exceed T (30.0)"),
                inconsistent.err);
        Outcome both = run(new ClvCommand(), "--output", "o.csv", "--params-output", "p.json");
        assertEquals(2, both.exit);
        assertTrue(both.err.contains("either --summary or --transactions"), both.err);
    }
}
