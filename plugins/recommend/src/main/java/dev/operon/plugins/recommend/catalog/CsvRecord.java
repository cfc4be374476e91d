package dev.operon.plugins.recommend.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * One CSV record with the line it starts on, or the error that makes it unreadable (an unclosed quote, text after a
 * closing quote). Fields follow RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
 */
record CsvRecord(int line, List<String> fields, String error) {

    /** Splits CSV text into records; a record that cannot be read ends the split with an error record. */
    static List<CsvRecord> split(String text) {
        List<CsvRecord> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1;
        }
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean afterQuote = false;
            boolean ended = false;
            while (i < n && !ended) {
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                            afterQuote = true;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i < n && text.charAt(i) == '\n') {
                        i++;
                    }
                    line++;
                    ended = true;
                } else if (c == '"' && field.length() == 0 && !afterQuote) {
                    quoted = true;
                } else if (afterQuote) {
                    out.add(new CsvRecord(start, List.of(), "text after a closing quote"));
                    return out;
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                out.add(new CsvRecord(start, List.of(), "a quoted field is not closed"));
                return out;
            }
            fields.add(field.toString());
            out.add(new CsvRecord(start, List.copyOf(fields), null));
        }
        return out;
    }
}
