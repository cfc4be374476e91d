package dev.operon.plugins.anomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.anomaly.AnomalyPlugin;
import dev.operon.plugins.anomaly.detect.Detectors;
import dev.operon.plugins.anomaly.detect.SeriesDetector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {

    private static final DateTimeFormatter NAB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return new DetectCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A NAB-like series, 5-minute steps, with one spike. */
    private static List<String> series(int rows, long seed, DateTimeFormatter format) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        LocalDateTime t = LocalDateTime.of(2014, 4, 1, 0, 0);
        for (int i = 0; i < rows; i++) {
            double value = 50 + 3 * Math.sin(i / 20.0) + random.nextGaussian() + (i == rows - 100 ? 40 : 0);
            lines.add(t.plusMinutes(5L * i).format(format) + "," + Math.round(value * 1000) / 1000.0);
        }
        return lines;
    }

    @Test
    void theCommandIsRegisteredOnThePlugin() {
        assertTrue(new AnomalyPlugin().commands().stream().anyMatch(c -> c.name().equals("detect")));
    }

    @Test
    void aFolderIsScoredRecursivelyAtTheSameRelativePathsWithTheSameRowsAndOnlineScores() throws Exception {
        Path input = dir.resolve("in");
        Files.createDirectories(input.resolve("a/b"));
        List<String> first = series(1500, 1, NAB);
        List<String> second = series(1200, 2, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        Files.write(input.resolve("one.csv"), first);
        Files.write(input.resolve("a/b/two.csv"), second);
        Files.writeString(input.resolve("a/notes.txt"), "not a series");
        Path output = dir.resolve("out");

        assertEquals(0, run(input.toString(), output.toString()), err());

        try (Stream<Path> written = Files.walk(output)) {
            assertEquals(List.of("a/b/two.csv", "one.csv"), written.filter(Files::isRegularFile)
                    .map(p -> output.relativize(p).toString()).sorted().toList());
        }
        for (var entry : List.of(List.of("one.csv", first), List.of("a/b/two.csv", second))) {
            @SuppressWarnings("unchecked")
            List<String> rows = (List<String>) entry.get(1);
            List<String> scored = Files.readAllLines(output.resolve((String) entry.get(0)));
            assertEquals("timestamp,value,anomaly_score", scored.get(0));
            assertEquals(rows.size(), scored.size());
            SeriesDetector reference = Detectors.create(Detectors.DEFAULT);
            for (int i = 1; i < rows.size(); i++) {
                String line = scored.get(i);
                int last = line.lastIndexOf(',');
                assertEquals(rows.get(i), line.substring(0, last), "row " + i);
                double score = Double.parseDouble(line.substring(last + 1));
                assertTrue(score >= 0 && score <= 1, line);
                String[] fields = rows.get(i).split(",");
                double expected = reference.score(Timestamps.parse(fields[0]), Double.parseDouble(fields[1]));
                assertEquals(expected, score, 5e-7, "row " + i);
            }
        }
    }

    @Test
    void aSingleFileGoesToTheNamedOutputAndTheDetectorCanBeChosen() throws Exception {
        Path input = dir.resolve("series.csv");
        Files.write(input, series(800, 3, NAB));
        Path output = dir.resolve("scored.csv");
        assertEquals(0, run(input.toString(), output.toString(), "--detector", "mad"), err());
        List<String> lines = Files.readAllLines(output);
        assertEquals(801, lines.size());
        SeriesDetector mad = Detectors.create("mad");
        double maxDifference = 0;
        List<String> rows = series(800, 3, NAB);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = rows.get(i).split(",");
            double expected = mad.score(Timestamps.parse(f[0]), Double.parseDouble(f[1]));
            double got = Double.parseDouble(lines.get(i).substring(lines.get(i).lastIndexOf(',') + 1));
            maxDifference = Math.max(maxDifference, Math.abs(expected - got));
        }
        assertTrue(maxDifference < 5e-7, "differs from the mad detector by " + maxDifference);
        Path fresh = Files.createFile(dir.resolve("fresh"));
        assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(output),
                "the output has the permissions of any new file (the umask), not owner-only");
        try (var left = Files.list(dir)) {
            assertEquals(List.of("fresh", "scored.csv", "series.csv"), left.map(f -> f.getFileName().toString())
                    .sorted().toList(), "no temporary file is left behind");
        }
    }

    @Test
    void isoInstantsEpochSecondsAndMissingValuesAreAccepted() throws Exception {
        Path input = dir.resolve("formats.csv");
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        long start = LocalDateTime.of(2020, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < 300; i++) {
            String time = switch (i % 3) {
                case 0 -> Long.toString(start + 60L * i);
                case 1 -> LocalDateTime.ofEpochSecond(start + 60L * i, 0, ZoneOffset.UTC) + "Z";
                default -> LocalDateTime.ofEpochSecond(start + 60L * i, 0, ZoneOffset.UTC).atOffset(ZoneOffset.ofHours(2))
                        .plusHours(2).toString();
            };
            lines.add(time + "," + (i % 10 == 0 ? "" : Integer.toString(i % 7)));
        }
        Files.write(input, lines);
        Path output = dir.resolve("formats-out.csv");
        assertEquals(0, run(input.toString(), output.toString()), err());
        List<String> scored = Files.readAllLines(output);
        assertEquals(301, scored.size());
        assertTrue(scored.get(1).endsWith(",,0.000000"), scored.get(1));
        assertEquals(Timestamps.parse("2020-01-01T00:01:00Z"), Timestamps.parse("2020-01-01T02:01:00+02:00"));
        assertEquals(Timestamps.parse("2020-01-01 00:01:00"), Timestamps.parse(Long.toString(start + 60)));
    }

    @Test
    void quotedFieldsAndAValueFirstHeaderScoreLikeThePlainFile() throws Exception {
        List<String> plain = series(400, 11, NAB);
        List<String> quoted = new ArrayList<>(List.of("\"timestamp\",\"value\""));
        List<String> swapped = new ArrayList<>(List.of("Value, Timestamp"));
        for (String row : plain.subList(1, plain.size())) {
            String[] parts = row.split(",");
            quoted.add("\"" + parts[0] + "\", \"" + parts[1] + "\"");
            swapped.add(parts[1] + "," + parts[0]);
        }
        Files.write(dir.resolve("plain.csv"), plain);
        Files.write(dir.resolve("quoted.csv"), quoted);
        Files.write(dir.resolve("swapped.csv"), swapped);
        for (String name : List.of("plain", "quoted", "swapped")) {
            assertEquals(0, run(dir.resolve(name + ".csv").toString(), dir.resolve(name + "-out.csv").toString()), err());
        }
        List<String> expected = scores(dir.resolve("plain-out.csv"));
        assertTrue(expected.stream().anyMatch(score -> !score.equals("0.000000")), "the spike scores");
        assertEquals(expected, scores(dir.resolve("quoted-out.csv")));
        assertEquals(expected, scores(dir.resolve("swapped-out.csv")));
        List<String> quotedOut = Files.readAllLines(dir.resolve("quoted-out.csv"));
        assertEquals("timestamp,value,anomaly_score", quotedOut.get(0));
        assertTrue(quotedOut.get(1).startsWith(quoted.get(1) + ","), "rows are copied as they were: " + quotedOut.get(1));
        assertEquals("value,timestamp,anomaly_score", Files.readAllLines(dir.resolve("swapped-out.csv")).get(0));
    }

    @Test
    void anUnclosedQuoteIsLocated() throws Exception {
        List<String> lines = series(50, 12, NAB);
        lines.set(5, "\"2014-04-01 00:20:00,3");
        Files.write(dir.resolve("unclosed.csv"), lines);
        assertEquals(2, run(dir.resolve("unclosed.csv").toString(), dir.resolve("unclosed-out.csv").toString()));
        assertTrue(err().contains("unclosed.csv:6:1: a quoted field is not closed"), err());
        assertFalse(Files.exists(dir.resolve("unclosed-out.csv")));
    }

    @Test
    void quotedFieldsUnquoteAsRfc4180Says() throws Exception {
        assertEquals(List.of("a,b", "say \"hi\"", ""), CsvFields.split("\"a,b\",\"say \"\"hi\"\"\",").stream()
                .map(CsvFields.Field::text).toList());
        assertEquals(List.of(1, 3), CsvFields.split("x,y").stream().map(CsvFields.Field::column).toList());
    }

    private static List<String> scores(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output);
        return lines.subList(1, lines.size()).stream().map(line -> line.substring(line.lastIndexOf(',') + 1)).toList();
    }

    @Test
    void aMissingInputIsAUsageErrorWithAReadableMessage() throws Exception {
        assertEquals(2, run(dir.resolve("nope.csv").toString(), dir.resolve("o.csv").toString()));
        assertTrue(err().contains("input not found"), err());
    }

    @Test
    void wrongArgumentsAndUnknownDetectorsAreUsageErrors() throws Exception {
        assertEquals(2, run("only-one"));
        assertTrue(err().contains("expected INPUT and OUTPUT"), err());
        assertEquals(2, run("a", "b", "--detector", "psychic"));
        assertTrue(err().contains("unknown detector 'psychic'"), err());
        assertEquals(0, run("--help"));
    }

    @Test
    void aBadHeaderIsReportedAndWritesNothing() throws Exception {
        Path input = dir.resolve("bad-header.csv");
        Files.writeString(input, "time,val\n2014-04-01 00:00:00,1\n");
        Path output = dir.resolve("bad-header-out.csv");
        assertEquals(2, run(input.toString(), output.toString()));
        assertTrue(err().contains("bad-header.csv:1: expected the header 'timestamp,value'"), err());
        assertFalse(Files.exists(output));
        assertNoPartFiles();
    }

    @Test
    void anUnparsableRowIsLocatedByLineAndColumnAndTheOtherFilesAreStillScored() throws Exception {
        Path input = dir.resolve("in");
        Files.createDirectories(input);
        Files.write(input.resolve("good.csv"), series(300, 4, NAB));
        List<String> bad = series(300, 5, NAB);
        bad.set(120, "2014-04-01 09:55:00,12,3x");
        Files.write(input.resolve("bad-fields.csv"), bad);
        List<String> badValue = series(300, 6, NAB);
        badValue.set(7, "2014-04-01 00:30:00,twelve");
        Files.write(input.resolve("bad-value.csv"), badValue);
        List<String> badTime = series(300, 7, NAB);
        badTime.set(9, "yesterday,3");
        Files.write(input.resolve("bad-time.csv"), badTime);
        Path output = dir.resolve("out");
        // an earlier, complete output must survive a failed rerun
        Files.createDirectories(output);
        Files.writeString(output.resolve("bad-value.csv"), "kept\n");

        assertEquals(2, run(input.toString(), output.toString()));

        assertTrue(err().contains("bad-fields.csv:121: expected 2 fields"), err());
        assertTrue(err().contains("bad-value.csv:8:21: unparsable value 'twelve'"), err());
        assertTrue(err().contains("bad-time.csv:10:1: unparsable timestamp 'yesterday'"), err());
        assertEquals(301, Files.readAllLines(output.resolve("good.csv")).size());
        assertFalse(Files.exists(output.resolve("bad-fields.csv")));
        assertEquals("kept\n", Files.readString(output.resolve("bad-value.csv")));
        assertNoPartFiles();
    }

    @Test
    void anEmptyFolderIsAnError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(2, run(empty.toString(), dir.resolve("out").toString()));
        assertTrue(err().contains("no .csv file"), err());
    }

    @Test
    void scoresAreWrittenWithSixDecimals() {
        StringBuilder b = new StringBuilder();
        SeriesFile.appendScore(b, 0.0000004);
        b.append(' ');
        SeriesFile.appendScore(b, 0.25);
        b.append(' ');
        SeriesFile.appendScore(b, 1.0);
        b.append(' ');
        SeriesFile.appendScore(b, Double.NaN);
        assertEquals("0.000000 0.250000 1.000000 0.000000", b.toString());
    }

    private void assertNoPartFiles() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().endsWith(".part")).toList());
        }
    }
}
