package dev.operon.plugins.behaviour.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV file read whole: a header and rows of strings, with the line each row started on (for error messages).
 *
 * <p>RFC 4180 with the usual real-world slack: a UTF-8 byte-order mark is skipped; rows end with LF, CRLF or CR;
 * fields may be quoted with {@code "} (a doubled quote inside is one quote) and then hold delimiters and line breaks;
 * blank lines are skipped. The delimiter is a comma unless the header has none and has semicolons or tabs. Every row
 * must have as many fields as the header; anything else is a {@link CsvFormatException} naming the file and line.
 */
public final class CsvTable {

    private final String source;
    private final List<String> header;
    private final Map<String, Integer> index;
    private final List<String[]> rows;
    private final int[] lines;

    private CsvTable(String source, List<String> header, List<String[]> rows, int[] lines) {
        this.source = source;
        this.header = List.copyOf(header);
        this.rows = rows;
        this.lines = lines;
        this.index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i), i);
        }
    }

    /** Reads a CSV file. */
    public static CsvTable read(Path file) throws IOException, CsvFormatException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new CsvFormatException(file + ": no such file");
        }
        try (Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            return read(file.toString(), reader);
        }
    }

    /** Reads CSV text from {@code reader}; {@code source} names it in error messages. */
    public static CsvTable read(String source, Reader reader) throws IOException, CsvFormatException {
        StringBuilder all = new StringBuilder();
        char[] buffer = new char[1 << 16];
        int n;
        while ((n = reader.read(buffer)) > 0) {
            all.append(buffer, 0, n);
        }
        if (!all.isEmpty() && all.charAt(0) == '\uFEFF') {
            all.deleteCharAt(0);
        }
        Parser parser = new Parser(source, new PushbackReader(new StringReader(all.toString()), 2),
                delimiterOf(all));
        List<String> header = parser.next();
        if (header == null) {
            throw new CsvFormatException(source + ": the file is empty (a header line is expected)");
        }
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            Integer before = seen.put(name, i);
            if (before != null) {
                throw new CsvFormatException(source + ":" + parser.recordLine + ": column name '" + name
                        + "' appears twice (columns " + (before + 1) + " and " + (i + 1) + ")");
            }
            names.add(name);
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineList = new ArrayList<>();
        List<String> fields;
        while ((fields = parser.next()) != null) {
            if (fields.size() == 1 && fields.get(0).isEmpty() && names.size() > 1) {
                continue;
            }
            if (fields.size() != names.size()) {
                throw new CsvFormatException(source + ":" + parser.recordLine + ": expected " + names.size()
                        + " fields as in the header, found " + fields.size());
            }
            rows.add(fields.toArray(String[]::new));
            lineList.add(parser.recordLine);
        }
        int[] lines = lineList.stream().mapToInt(Integer::intValue).toArray();
        return new CsvTable(source, names, rows, lines);
    }

    /** A comma, unless the first line has none outside quotes but has semicolons or tabs. */
    private static char delimiterOf(CharSequence text) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        if (commas > 0) {
            return ',';
        }
        return semicolons > 0 ? ';' : tabs > 0 ? '\t' : ',';
    }

    /** The file or stream name used in messages. */
    public String source() {
        return source;
    }

    public List<String> header() {
        return header;
    }

    public int size() {
        return rows.size();
    }

    public String[] row(int i) {
        return rows.get(i);
    }

    /** The line of the file row {@code i} starts on (1-based, the header being line 1 in a plain file). */
    public int line(int i) {
        return lines[i];
    }

    /** The position of a column, or -1. */
    public int column(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** The position of a column matched exactly, else case-insensitively, else -1. */
    public int columnIgnoringCase(String name) {
        int exact = column(name);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** The position of a column the user named, or a {@link CsvFormatException} listing the columns there are. */
    public int requireColumn(String name, String option) throws CsvFormatException {
        int i = column(name);
        if (i < 0) {
            throw new CsvFormatException(source + ": no column '" + name + "' (" + option + "); its columns are "
                    + header);
        }
        return i;
    }

    /** One column's values in row order. */
    public String[] values(int column) {
        String[] out = new String[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows.get(r)[column];
        }
        return out;
    }

    /** A streaming RFC 4180 record reader that counts physical lines. */
    private static final class Parser {
        private final String source;
        private final PushbackReader in;
        private final char delimiter;
        private int line = 1;
        private int recordLine;

        Parser(String source, PushbackReader in, char delimiter) {
            this.source = source;
            this.in = in;
            this.delimiter = delimiter;
        }

        /** The next record's fields, or null at the end of the input. */
        List<String> next() throws IOException, CsvFormatException {
            int c = in.read();
            if (c == -1) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            while (true) {
                if (c == '"' && field.isEmpty()) {
                    int quoteLine = line;
                    int column = fields.size() + 1;
                    while (true) {
                        int q = in.read();
                        if (q == -1) {
                            throw new CsvFormatException(source + ":" + quoteLine + ": field " + column
                                    + " opens a quote that is never closed");
                        }
                        if (q == '"') {
                            int after = in.read();
                            if (after == '"') {
                                field.append('"');
                                continue;
                            }
                            c = after;
                            break;
                        }
                        if (q == '\n') {
                            line++;
                        } else if (q == '\r') {
                            int lf = in.read();
                            if (lf != '\n' && lf != -1) {
                                in.unread(lf);
                            }
                            line++;
                            field.append('\n');
                            continue;
                        }
                        field.append((char) q);
                    }
                    // after the closing quote: only spaces, then a delimiter or the end of the record
                    while (c == ' ') {
                        c = in.read();
                    }
                    if (c != delimiter && c != '\n' && c != '\r' && c != -1) {
                        throw new CsvFormatException(source + ":" + line + ": field " + column
                                + " has text after its closing quote ('" + (char) c + "'); a quote inside a quoted"
                                + " field must be doubled");
                    }
                }
                if (c == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                    c = in.read();
                    continue;
                }
                if (c == '\n' || c == '\r' || c == -1) {
                    fields.add(field.toString());
                    if (c == '\r') {
                        int lf = in.read();
                        if (lf != '\n' && lf != -1) {
                            in.unread(lf);
                        }
                    }
                    if (c != -1) {
                        line++;
                    }
                    return fields;
                }
                field.append((char) c);
                c = in.read();
            }
        }
    }
}
