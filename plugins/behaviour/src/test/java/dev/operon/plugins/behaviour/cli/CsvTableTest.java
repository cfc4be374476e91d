package dev.operon.plugins.behaviour.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    private static CsvTable read(String text) throws Exception {
        return CsvTable.read("t.csv", new StringReader(text));
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws Exception {
        CsvTable t = read("id,note,x\r\n1,\"a, b\",2\r\n2,\"say \"\"hi\"\"\",3\r\n3,\"two\r\nlines\",4\r\n");
        assertEquals(List.of("id", "note", "x"), t.header());
        assertEquals(3, t.size());
        assertArrayEquals(new String[] {"1", "a, b", "2"}, t.row(0));
        assertArrayEquals(new String[] {"2", "say \"hi\"", "3"}, t.row(1));
        assertArrayEquals(new String[] {"3", "two\nlines", "4"}, t.row(2));
        assertEquals(2, t.line(0));
        assertEquals(4, t.line(2));
    }

    @Test
    void byteOrderMarkBlankLinesAndMissingFinalNewline() throws Exception {
        CsvTable t = read("\uFEFFid,v\n\n1, \n2,x");
        assertEquals("id", t.header().get(0));
        assertEquals(2, t.size());
        assertArrayEquals(new String[] {"1", " "}, t.row(0));
        assertArrayEquals(new String[] {"2", "x"}, t.row(1));
    }

    @Test
    void semicolonAndTabFilesAreRecognised() throws Exception {
        assertArrayEquals(new String[] {"1", "2,5"}, read("\"id\";\"v\"\n1;\"2,5\"\n").row(0));
        assertArrayEquals(new String[] {"1", "a b"}, read("id\tv\n1\ta b\n").row(0));
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsNamesFileAndLine() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> read("a,b\n1,2\n3\n"));
        assertEquals("t.csv:3: expected 2 fields as in the header, found 1", e.getMessage());
    }

    @Test
    void anUnclosedQuoteNamesTheLineItStarted() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> read("a,b\n1,\"open\n2,3\n"));
        assertTrue(e.getMessage().startsWith("t.csv:2: field 2 opens a quote"), e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> read("a,b\n1,\"x\"y\n"));
        assertTrue(e.getMessage().startsWith("t.csv:2: field 2 has text after its closing quote"), e.getMessage());
    }

    @Test
    void emptyFilesAndDuplicateColumnsAreErrors() {
        assertThrows(CsvFormatException.class, () -> read(""));
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> read("a,b,a\n1,2,3\n"));
        assertTrue(e.getMessage().contains("'a' appears twice"), e.getMessage());
    }

    @Test
    void blankHeaderNamesGetAPositionalName() throws Exception {
        assertEquals(List.of("column_1", "v"), read(",v\n0,1\n").header());
    }
}
