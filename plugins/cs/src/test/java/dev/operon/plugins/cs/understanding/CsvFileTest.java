package dev.operon.plugins.cs.understanding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.cs.cli.CsvFile;
import dev.operon.plugins.cs.cli.CsvFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {

    @TempDir
    Path dir;

    @Test
    void readsQuotedFieldsLineBreaksBomAndCrlf() throws Exception {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "\uFEFFtext,label\r\n\"a, \"\"b\"\"\nc\",x\r\n你好,y\r\n\r\n", StandardCharsets.UTF_8);
        CsvFile csv = CsvFile.read(f);
        assertEquals(2, csv.size());
        assertArrayEquals(new String[] {"a, \"b\"\nc", "x"}, csv.records().get(0));
        assertArrayEquals(new String[] {"你好", "y"}, csv.records().get(1));
        assertEquals(4, csv.lines()[1], "the second record starts on line 4");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsNamed() throws Exception {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, "text,label\na,b,c\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvFile.read(f));
        assertTrue(e.getMessage().contains("line 2: has 3 fields"), e.getMessage());
    }
}
