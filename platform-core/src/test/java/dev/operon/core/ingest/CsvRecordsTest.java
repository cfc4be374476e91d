package dev.operon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The import's CSV reader: quoting, line ends, and the line each record starts on. */
class CsvRecordsTest {

    private static List<CsvRecords.Row> read(String text) throws IOException {
        CsvRecords records = new CsvRecords(new StringReader(text));
        List<CsvRecords.Row> rows = new ArrayList<>();
        for (CsvRecords.Row row; (row = records.next()) != null; ) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndNewlines() throws IOException {
        List<CsvRecords.Row> rows = read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(rows.get(1).fields()).containsExactly("x, y", "say \"hi\"", "two\nlines");
        assertThat(rows.get(2).fields()).containsExactly("last", "", "");
        assertThat(rows).extracting(CsvRecords.Row::line).containsExactly(1L, 2L, 4L);
    }

    @Test
    void aFileWithoutFinalNewlineAndBlankLines() throws IOException {
        List<CsvRecords.Row> rows = read("a\n\nb");
        assertThat(rows).extracting(CsvRecords.Row::fields).containsExactly(List.of("a"), List.of(""), List.of("b"));
        assertThat(rows.get(2).line()).isEqualTo(3);
    }

    @Test
    void malformedQuotingNamesItsLine() {
        assertThatThrownBy(() -> read("a\n\"open\nnever closed")).isInstanceOf(CsvRecords.MalformedException.class)
                .satisfies(e -> assertThat(((CsvRecords.MalformedException) e).line).isEqualTo(2));
        assertThatThrownBy(() -> read("\"x\"y,z\n")).isInstanceOf(CsvRecords.MalformedException.class);
    }
}
