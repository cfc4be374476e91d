package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.uplift.Qini;
import dev.operon.plugins.marketing.uplift.UpliftCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline uplift command on synthetic data whose true uplift is known, and its errors on bad input. */
class UpliftCommandTest {

    @TempDir
    Path dir;

    /**
     * Users of plan "pro" with high engagement are persuadable (+40 points when treated), "free" users are not
     * (baseline 20 %), and a "sleeping" group converts less when treated (-10 points).
     */
    private static String row(Random r, int id, boolean withLabels) {
        String plan = r.nextDouble() < 0.4 ? "pro" : r.nextDouble() < 0.5 ? "free" : "sleeping";
        double engagement = r.nextGaussian() + ("pro".equals(plan) ? 1 : 0);
        double noise = r.nextDouble() * 100;
        int treated = r.nextBoolean() ? 1 : 0;
        double p = 0.2 + (treated == 1 ? ("pro".equals(plan) ? 0.4 : "sleeping".equals(plan) ? -0.1 : 0) : 0);
        int outcome = r.nextDouble() < p ? 1 : 0;
        return id + "," + plan + "," + String.format("%.4f", engagement) + "," + String.format("%.2f", noise)
                + (withLabels ? "," + treated + "," + outcome : "");
    }

    private int run(List<String> args, StringBuilder out, StringBuilder err) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new UpliftCommand().run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out.append(o.toString(StandardCharsets.UTF_8));
        err.append(e.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void scoresEveryRowWithTreatedMinusUntreatedProbability() throws Exception {
        Random r = new Random(7);
        List<String> train = new ArrayList<>(List.of("user,plan,engagement,noise,got_mail,bought"));
        for (int i = 0; i < 4000; i++) {
            train.add(row(r, i, true));
        }
        List<String> score = new ArrayList<>(List.of("noise,plan,user,engagement"));   // other column order
        Map<String, String> planOf = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            String[] f = row(r, 100_000 + i, false).split(",");
            score.add(f[3] + "," + f[1] + "," + f[0] + "," + f[2]);
            planOf.put(f[0], f[1]);
        }
        score.add("1.0,enterprise,\"quoted,id\",");                 // unseen category, empty number, quoted id
        Files.write(dir.resolve("t.csv"), train);
        Files.write(dir.resolve("s.csv"), score);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = run(List.of("--train", dir.resolve("t.csv").toString(), "--treatment", "got_mail", "--outcome",
                "bought", "--id", "user", "--score", dir.resolve("s.csv").toString(), "--output",
                dir.resolve("o.csv").toString()), out, err);
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("3 feature columns (2 numeric, 1 categorical)"), out.toString());
        double qini = Double.parseDouble(out.toString().replaceAll("(?s).*held out\\): (-?[0-9.]+).*", "$1"));
        assertTrue(qini > 0.01, "the ranking finds the persuadable: Qini " + qini);

        List<String> lines = Files.readAllLines(dir.resolve("o.csv"));
        assertEquals("id,score", lines.get(0));
        assertEquals(602, lines.size());
        Map<String, List<Double>> byPlan = new HashMap<>();
        for (String line : lines.subList(1, 601)) {
            String[] f = line.split(",");
            byPlan.computeIfAbsent(planOf.get(f[0]), p -> new ArrayList<>()).add(Double.parseDouble(f[1]));
        }
        assertEquals("\"quoted,id\"", lines.get(601).substring(0, lines.get(601).lastIndexOf(',')));
        double pro = mean(byPlan.get("pro"));
        double free = mean(byPlan.get("free"));
        double sleeping = mean(byPlan.get("sleeping"));
        assertEquals(0.4, pro, 0.12);
        assertEquals(0.0, free, 0.1);
        assertTrue(sleeping < free && free < pro, pro + " " + free + " " + sleeping);
    }

    @Test
    void qiniIsPositiveForAGoodRankingAndAboutZeroForARandomOne() {
        Random r = new Random(1);
        int n = 20_000;
        double[] truth = new double[n];
        double[] random = new double[n];
        boolean[] treated = new boolean[n];
        boolean[] outcome = new boolean[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 2 == 0 ? 0.3 : 0;
            random[i] = r.nextDouble();
            treated[i] = r.nextBoolean();
            outcome[i] = r.nextDouble() < 0.1 + (treated[i] ? truth[i] : 0);
        }
        double good = Qini.coefficient(truth, treated, outcome);
        double none = Qini.coefficient(random, treated, outcome);
        // the ideal curve rises to 0.3 * n/4 at n/2 then stays flat: the area over the diagonal is 0.01875 n^2
        assertEquals(0.01875, good, 0.003);
        assertEquals(0, none, 0.01);
    }

    @Test
    void badInputIsExitCodeTwoNamingFileAndLine() throws Exception {
        Files.write(dir.resolve("t.csv"), List.of("id,x,t,y", "1,0.5,1,0", "2,0.7,2,1"));
        Files.write(dir.resolve("s.csv"), List.of("id,x", "9,1"));
        Files.write(dir.resolve("short.csv"), List.of("id,x,t,y", "1,0.5,1"));
        String t = dir.resolve("t.csv").toString();
        String s = dir.resolve("s.csv").toString();
        String o = dir.resolve("o.csv").toString();
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("--train", t, "--treatment", "t", "--outcome", "y", "--id", "id", "--score", s, "--output", o),
                "t.csv:3: column t must be 0 or 1, found \"2\"");
        cases.put(List.of("--train", t, "--treatment", "nope", "--outcome", "y", "--id", "id", "--score", s,
                "--output", o), "no column nope (given as --treatment)");
        cases.put(List.of("--train", dir.resolve("short.csv").toString(), "--treatment", "t", "--outcome", "y", "--id",
                "id", "--score", s, "--output", o), "short.csv:2: 3 fields, the header has 4");
        cases.put(List.of("--train", dir.resolve("missing.csv").toString(), "--treatment", "t", "--outcome", "y",
                "--id", "id", "--score", s, "--output", o), "missing.csv: no such file");
        cases.put(List.of("--train", t, "--treatment", "t"), "--outcome is required");
        cases.put(List.of("--train", t, "--frobnicate", "1"), "unknown option --frobnicate");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            assertEquals(2, run(c.getKey(), out, err), c.getValue());
            assertTrue(err.toString().contains(c.getValue()), err + " should contain " + c.getValue());
        }
        Files.write(dir.resolve("t.csv"), List.of("id,x,t,y", "1,0.5,1,0", "2,0.7,0,1"));
        StringBuilder err = new StringBuilder();
        assertEquals(2, run(List.of("--train", t, "--treatment", "t", "--outcome", "y", "--id", "id", "--score", s,
                "--output", o), new StringBuilder(), err));
        assertTrue(err.toString().contains("1 treated and 1 control rows"), err.toString());
        assertTrue(!Files.exists(dir.resolve("o.csv")), "nothing written on bad input");
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
