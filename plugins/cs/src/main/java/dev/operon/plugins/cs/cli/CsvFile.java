package dev.operon.plugins.cs.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An RFC 4180 CSV file read whole: UTF-8 (a byte order mark is skipped, invalid bytes are an error), a header row,
 * fields quoted with {@code "} (doubled inside), line breaks inside quotes kept, CRLF or LF. Each record keeps the
 * line it started on for error messages.
 *
 * @param file    where it was read from
 * @param header  the header's names
 * @param records the data records
 * @param lines   the line each record starts on (1-based, the header is line 1)
 */
public record CsvFile(Path file, List<String> header, List<String[]> records, int[] lines) {

    /** Reads {@code file}; a {@link CsvFormatException} names the file and line of any problem. */
    public static CsvFile read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CsvFormatException(file, 0, "no such file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(file, 0, "is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        parse(file, text, rows, starts);
        if (rows.isEmpty()) {
            throw new CsvFormatException(file, 1, "is empty: a header row is needed");
        }
        List<String> header = Arrays.stream(rows.get(0)).map(String::strip).toList();
        int[] lines = new int[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            lines[i - 1] = starts.get(i);
            if (rows.get(i).length != header.size()) {
                throw new CsvFormatException(file, starts.get(i), "has " + rows.get(i).length + " fields, the header has "
                        + header.size() + " (quote fields that contain commas)");
            }
        }
        return new CsvFile(file, header, List.copyOf(rows.subList(1, rows.size())), lines);
    }

    private static void parse(Path file, String text, List<String[]> rows, List<Integer> starts) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordStart = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int quoteLine = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                field.append(c);
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0 || wasQuoted) {
                        throw new CsvFormatException(file, line, "has a quote inside an unquoted field");
                    }
                    quoted = true;
                    wasQuoted = true;
                    quoteLine = line;
                    i++;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    i++;
                }
                case '\r', '\n' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                        rows.add(fields.toArray(String[]::new));
                        starts.add(recordStart);
                    }
                    fields.clear();
                    i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                    line++;
                    recordStart = line;
                }
                default -> {
                    if (wasQuoted) {
                        throw new CsvFormatException(file, line, "has text after a closing quote");
                    }
                    field.append(c);
                    i++;
                }
            }
        }
        if (quoted) {
            throw new CsvFormatException(file, quoteLine, "has a quote that is never closed");
        }
        if (field.length() > 0 || wasQuoted || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(fields.toArray(String[]::new));
            starts.add(recordStart);
        }
    }

    /** The index of the column named {@code name} (case-insensitive), or a {@link CsvFormatException}. */
    public int column(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new CsvFormatException(file, 1, "has no column '" + name + "' (header: " + String.join(",", header) + ")");
    }

    /** Number of data records. */
    public int size() {
        return records.size();
    }
}
