package dev.operon.plugins.recommend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code operon recommend offline}: the output contract and the errors for bad input. */
class OfflineRecommendCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Two taste groups, opaque ids with commas and quotes, weights and ISO timestamps. */
    private Path trainingFile(Map<String, Set<String>> seen) throws Exception {
        Random random = new Random(3);
        StringBuilder csv = new StringBuilder("timestamp,user,item,weight,ignored\n");
        for (int u = 0; u < 60; u++) {
            String user = u % 7 == 0 ? "\"user, \"\"" + u + "\"\"\"" : "user-" + u;
            String key = u % 7 == 0 ? "user, \"" + u + "\"" : "user-" + u;
            int group = u % 2;
            for (int k = 0; k < 8; k++) {
                String item = "sku:" + (group * 15 + random.nextInt(15));
                seen.computeIfAbsent(key, x -> new HashSet<>()).add(item);
                csv.append("2026-01-").append(String.format("%02d", 1 + k)).append("T10:00:00Z,").append(user)
                        .append(',').append(item).append(',').append(1 + random.nextInt(3)).append(",x\n");
            }
        }
        Path file = dir.resolve("train.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void writesTopNUnseenItemsForEveryUserWithEachModel() throws Exception {
        Map<String, Set<String>> seen = new HashMap<>();
        Path train = trainingFile(seen);
        for (String model : List.of("popularity", "item-knn", "ease", "bpr", "rp3beta", "user-knn", "slim",
                "ials", "blend")) {
            Path output = dir.resolve("out-" + model + ".csv");
            int exit = run("--train", train.toString(), "--n", "5", "--output", output.toString(), "--model", model);
            assertEquals(0, exit, err.toString());
            Map<String, List<String>> lists = read(output);
            assertEquals(seen.keySet(), lists.keySet(), model);
            for (Map.Entry<String, List<String>> e : lists.entrySet()) {
                assertEquals(5, e.getValue().size(), model + " " + e.getKey());
                assertEquals(5, new HashSet<>(e.getValue()).size(), "no duplicates");
                for (String item : e.getValue()) {
                    assertFalse(seen.get(e.getKey()).contains(item), model + " recommended " + item + " to "
                            + e.getKey() + " who has it");
                }
            }
        }
    }

    @Test
    void withoutModelPicksTheBestOnValidationAndSaysWhich() throws Exception {
        Map<String, Set<String>> seen = new HashMap<>();
        Path train = trainingFile(seen);
        Path output = dir.resolve("best.csv");
        assertEquals(0, run("--train", train.toString(), "--n", "3", "--output", output.toString()), err.toString());
        assertTrue(out.toString().contains("validation ndcg@10"), out.toString());
        Map<String, List<String>> lists = read(output);
        assertEquals(seen.keySet(), lists.keySet());
        lists.forEach((user, items) -> items.forEach(item -> assertFalse(seen.get(user).contains(item))));
    }

    @Test
    void fewerUnseenItemsThanNGivesWhatThereIs() throws Exception {
        Path train = dir.resolve("tiny.csv");
        Files.writeString(train, "user,item\na,x\na,y\nb,x\nb,z\n");
        Path output = dir.resolve("tiny-out.csv");
        assertEquals(0, run("--train", train.toString(), "--n", "10", "--output", output.toString(), "--model",
                "popularity"), err.toString());
        Map<String, List<String>> lists = read(output);
        assertEquals(List.of("z"), lists.get("a"));
        assertEquals(List.of("y"), lists.get("b"));
    }

    @Test
    void tooLittleDataToValidateFallsBackToPopularityAndSaysSo() throws Exception {
        Path train = dir.resolve("few.csv");
        Files.writeString(train, "user,item\nu1,a\nu1,b\nu2,a\nu2,c\nu3,b\nu4,a\n");
        Path output = dir.resolve("few-out.csv");
        assertEquals(0, run("--train", train.toString(), "--n", "2", "--output", output.toString()), err.toString());
        assertTrue(out.toString().contains("too little data to choose a model"), out.toString());
        Map<String, List<String>> lists = read(output);
        assertEquals(List.of("c"), lists.get("u1"));
        assertEquals(List.of("b"), lists.get("u2"));
        assertEquals(List.of("a", "c"), lists.get("u3"));
        assertEquals(List.of("b", "c"), lists.get("u4"));
    }

    @Test
    void badInputGetsAClearErrorAndExitCode2() throws Exception {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertError(List.of("--train", empty.toString(), "--n", "10", "--output", "o.csv"), "is empty");

        Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, "user,item\n");
        assertError(List.of("--train", headerOnly.toString(), "--n", "10", "--output", "o.csv"), "no interactions");

        Path badHeader = dir.resolve("bad-header.csv");
        Files.writeString(badHeader, "customer,product\n1,2\n");
        assertError(List.of("--train", badHeader.toString(), "--n", "10", "--output", "o.csv"),
                "must name the columns user and item");

        Path badWeight = dir.resolve("bad-weight.csv");
        Files.writeString(badWeight, "user,item,weight\na,b,1\na,c,heavy\n");
        assertError(List.of("--train", badWeight.toString(), "--n", "10", "--output", "o.csv"), "line 3 column 3");

        Path good = dir.resolve("good.csv");
        Files.writeString(good, "user,item\na,b\n");
        assertError(List.of("--train", good.toString(), "--n", "0", "--output", "o.csv"), "--n must be between 1");
        assertError(List.of("--train", good.toString(), "--n", "1001", "--output", "o.csv"), "--n must be between 1");
        assertError(List.of("--train", good.toString(), "--n", "ten", "--output", "o.csv"), "whole number");
        assertError(List.of("--train", good.toString(), "--n", "5", "--output", "o.csv", "--model", "magic"),
                "unknown");
        assertError(List.of("--train", dir.resolve("missing.csv").toString(), "--n", "5", "--output", "o.csv"),
                "no such file");
        assertError(List.of("--n", "5"), "required");
    }

    private void assertError(List<String> args, String expected) throws Exception {
        err.reset();
        int exit = new OfflineRecommendCommand().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit, args.toString());
        assertTrue(err.toString().contains(expected), "expected '" + expected + "' in: " + err);
    }

    private int run(String... args) throws Exception {
        out.reset();
        err.reset();
        return new OfflineRecommendCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** user to items in rank order; checks the header and that ranks run 1, 2, ... */
    private static Map<String, List<String>> read(Path output) throws Exception {
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertEquals("user,item,rank", lines.get(0));
        Map<String, List<String>> lists = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = InteractionCsv.split(line, output, 0);
            List<String> list = lists.computeIfAbsent(fields.get(0), x -> new ArrayList<>());
            assertEquals(list.size() + 1, Integer.parseInt(fields.get(2)), line);
            list.add(fields.get(1));
        }
        return lists;
    }
}
