package dev.operon.core.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time: comma-separated, fields optionally in double quotes (a doubled quote is
 * a quote, quoted fields may span lines), CRLF or LF line ends. Remembers the line each record starts on, for error
 * messages.
 */
final class CsvRecords {

    /** One record and the (1-based) line it starts on. */
    record Row(long line, List<String> fields) {
    }

    /** A record that cannot be read (an unterminated quote, text after a closing quote). */
    static final class MalformedException extends IOException {
        final long line;

        MalformedException(long line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final Reader in;
    private long line = 1;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end. A blank line is a record with one empty field. */
    Row next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new MalformedException(start, "a quoted field is not closed");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                c = read();
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == -1) {
                if (c == '\n') {
                    line++;
                }
                fields.add(trimCr(field, afterQuote));
                return new Row(start, fields);
            } else if (c == '"' && field.isEmpty() && !afterQuote) {
                quoted = true;
            } else if (afterQuote) {
                if (c != '\r') {
                    throw new MalformedException(start, "text after a closing quote");
                }
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private static String trimCr(StringBuilder field, boolean afterQuote) {
        int length = field.length();
        if (!afterQuote && length > 0 && field.charAt(length - 1) == '\r') {
            return field.substring(0, length - 1);
        }
        return field.toString();
    }

    private int read() throws IOException {
        return in.read();
    }
}
