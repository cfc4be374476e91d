package dev.operon.plugins.cs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.cs.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline contract: {@code operon cs intents --train T.csv --predict P.csv --output O.csv}. */
class IntentsCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return new IntentsCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String csv(String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            line.append(i > 0 ? "," : "").append(CsvWriter.quote(fields[i]));
        }
        return line.append("\n").toString();
    }

    @Test
    void classifiesEveryRowInOrderWithOutOfScopeAndChinese() throws Exception {
        StringBuilder train = new StringBuilder("text,label\n");
        for (String[] row : Fixtures.training()) {
            train.append(csv(row));
        }
        // RFC 4180: a comma, a quote and a line break inside quoted fields
        train.append(csv("Hi, my card \"still\" has not\narrived", "card_arrival"));
        Files.writeString(dir.resolve("t.csv"), train, StandardCharsets.UTF_8);
        StringBuilder predict = new StringBuilder("text\r\n");
        List<String[]> heldOut = new ArrayList<>(Fixtures.heldOut());
        heldOut.add(new String[] {"Lost my card, \"urgent\",\nplease", "lost_card"});
        for (String[] row : heldOut) {
            predict.append(CsvWriter.quote(row[0])).append("\r\n");
        }
        Files.writeString(dir.resolve("p.csv"), predict, StandardCharsets.UTF_8);

        int exit = run("--train", dir.resolve("t.csv").toString(), "--predict", dir.resolve("p.csv").toString(),
                "--output", dir.resolve("o.csv").toString());

        assertEquals(0, exit, errors());
        CsvFile output = CsvFile.read(dir.resolve("o.csv"));
        assertEquals(List.of("text", "label", "confidence"), output.header());
        assertEquals(heldOut.size(), output.size());
        int right = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            String[] row = output.records().get(i);
            assertEquals(heldOut.get(i)[0], row[0], "row " + i + " keeps its text and order");
            double confidence = Double.parseDouble(row[2]);
            assertTrue(confidence >= 0 && confidence <= 1, row[2]);
            if (row[1].equals(heldOut.get(i)[1])) {
                right++;
            }
        }
        assertTrue(right >= heldOut.size() - 1, "right " + right + " of " + heldOut.size() + ": " + output.records()
                .stream().map(r -> r[1]).toList());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("out-of-scope threshold"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("English encoder fine-tuned for"),
                "the standard configuration fine-tunes the encoder: " + out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badFilesAreNamedWithTheirLine() throws Exception {
        Path t = dir.resolve("t.csv");
        Path p = dir.resolve("p.csv");
        Files.writeString(p, "text\nhello\n");
        String o = dir.resolve("o.csv").toString();

        Files.writeString(t, "text,category\nhello,a\n");
        assertEquals(2, run("--train", t.toString(), "--predict", p.toString(), "--output", o));
        assertTrue(errors().contains("no column 'label'"), errors());

        Files.writeString(t, "text,label\nhello,a\n\"unclosed,b\n");
        assertEquals(2, run("--train", t.toString(), "--predict", p.toString(), "--output", o));
        assertTrue(errors().contains("line 3") && errors().contains("never closed"), errors());

        Files.writeString(t, "text,label\nhello,a\n ,b\n");
        assertEquals(2, run("--train", t.toString(), "--predict", p.toString(), "--output", o));
        assertTrue(errors().contains("line 3: has an empty text"), errors());

        Files.writeString(t, "text,label\nhello,a\nbye,a\n");
        assertEquals(2, run("--train", t.toString(), "--predict", p.toString(), "--output", o));
        assertTrue(errors().contains("at least two different labels"), errors());

        Files.write(t, new byte[] {'t', 'e', 'x', 't', ',', 'l', 'a', 'b', 'e', 'l', '\n', (byte) 0xC3, (byte) 0x28,
                ',', 'a', '\n'});
        assertEquals(2, run("--train", t.toString(), "--predict", p.toString(), "--output", o));
        assertTrue(errors().contains("not valid UTF-8"), errors());

        assertEquals(2, run("--train", dir.resolve("missing.csv").toString(), "--predict", p.toString(),
                "--output", o));
        assertTrue(errors().contains("missing.csv: no such file"), errors());

        assertEquals(2, run("--train", t.toString(), "--predict", p.toString()));
        assertTrue(errors().contains("--output is required"), errors());
        assertEquals(2, run("--train", t.toString(), "--predict", p.toString(), "--output", o, "--epochs", "3"));
        assertTrue(errors().contains("unknown argument '--epochs'"), errors());
        assertEquals(2, run("--train", t.toString(), "--predict", p.toString(), "--output", o, "--fine-tune-epochs",
                "many"));
        assertTrue(errors().contains("--fine-tune-epochs needs a whole number"), errors());
        assertFalse(Files.exists(Path.of(o)), "nothing is written when the input is bad");
    }
}
