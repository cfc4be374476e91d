package dev.operon.plugins.anomaly.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields as RFC 4180 reads them: a field may be wrapped in double quotes (needed by tools
 * that quote every field), inside which a doubled quote stands for one. A line without quotes takes a plain split.
 */
final class CsvFields {

    /** A field's text (unquoted) and the 1-based column where it starts in its line. */
    record Field(String text, int column) {
    }

    /** Thrown for a quoted field that is not closed, or closed before something other than a comma. */
    static final class MalformedException extends Exception {
        final int column;

        MalformedException(String message, int column) {
            super(message);
            this.column = column;
        }
    }

    private CsvFields() {
    }

    static List<Field> split(String line) throws MalformedException {
        List<Field> fields = new ArrayList<>(2);
        if (line.indexOf('"') < 0) {
            int start = 0;
            while (true) {
                int comma = line.indexOf(',', start);
                if (comma < 0) {
                    fields.add(new Field(line.substring(start), start + 1));
                    return fields;
                }
                fields.add(new Field(line.substring(start, comma), start + 1));
                start = comma + 1;
            }
        }
        int i = 0;
        while (true) {
            int start = i;
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                int open = i;
                StringBuilder text = new StringBuilder();
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new MalformedException("a quoted field is not closed", open + 1);
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            text.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.append(c);
                    i++;
                }
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new MalformedException("unexpected text after a quoted field", i + 1);
                }
                fields.add(new Field(text.toString(), open + 2));
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? line.length() : comma;
                String text = line.substring(start, end);
                if (text.indexOf('"') >= 0) {
                    throw new MalformedException("a quote inside an unquoted field", start + text.indexOf('"') + 1);
                }
                fields.add(new Field(text, start + 1));
                i = end;
            }
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }
}
