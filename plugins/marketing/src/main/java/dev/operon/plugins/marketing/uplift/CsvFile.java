package dev.operon.plugins.marketing.uplift;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file with a header line: comma-separated, fields optionally in double quotes (a doubled quote inside is a
 * quote; quoted fields may span lines). Every row must have as many fields as the header.
 */
final class CsvFile {

    final Path path;
    final List<String> header;
    final List<String[]> rows;
    final List<Integer> lines;

    private CsvFile(Path path, List<String> header, List<String[]> rows, List<Integer> lines) {
        this.path = path;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
    }

    /** An in-memory table (profiles turned into rows by the training task); {@code name} stands for the path. */
    static CsvFile of(String name, List<String> header, List<String[]> rows) {
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            lines.add(i + 2);
        }
        return new CsvFile(Path.of(name), List.copyOf(header), rows, lines);
    }

    static CsvFile read(Path path) throws IOException, UpliftInputException {
        if (!Files.isRegularFile(path)) {
            throw new UpliftInputException(path + ": no such file");
        }
        List<String[]> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                int start = lineNo;
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                int i = 0;
                while (true) {
                    if (i >= line.length()) {
                        if (quoted) {
                            String next = in.readLine();
                            if (next == null) {
                                throw new UpliftInputException(path + ":" + start + ": a quoted field is not closed");
                            }
                            lineNo++;
                            field.append('\n');
                            line = next;
                            i = 0;
                            continue;
                        }
                        break;
                    }
                    char ch = line.charAt(i);
                    if (quoted) {
                        if (ch == '"') {
                            if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                                field.append('"');
                                i++;
                            } else {
                                quoted = false;
                            }
                        } else {
                            field.append(ch);
                        }
                    } else if (ch == '"' && field.length() == 0) {
                        quoted = true;
                    } else if (ch == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                    } else {
                        field.append(ch);
                    }
                    i++;
                }
                fields.add(field.toString());
                if (records.isEmpty() && fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                if (!records.isEmpty() && fields.size() == 1 && fields.get(0).isEmpty()) {
                    continue;   // a blank line
                }
                records.add(fields.toArray(String[]::new));
                lines.add(start);
            }
        } catch (NoSuchFileException e) {
            throw new UpliftInputException(path + ": no such file");
        }
        if (records.isEmpty()) {
            throw new UpliftInputException(path + ": empty file, expected a header line");
        }
        List<String> header = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String h : records.get(0)) {
            String name = h.strip();
            if (name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (seen.put(name, header.size()) != null) {
                throw new UpliftInputException(path + ":1: column " + name + " appears twice");
            }
            header.add(name);
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> rowLines = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            String[] row = records.get(r);
            if (row.length != header.size()) {
                throw new UpliftInputException(path + ":" + lines.get(r) + ": " + row.length + " fields, the header has "
                        + header.size());
            }
            rows.add(row);
            rowLines.add(lines.get(r));
        }
        return new CsvFile(path, List.copyOf(header), rows, rowLines);
    }

    int column(String name, String option) throws UpliftInputException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new UpliftInputException(path + ":1: no column " + name + " (given as " + option + "); columns are "
                    + header);
        }
        return i;
    }

    /** Where row {@code r} starts, for messages. */
    String at(int r) {
        return path + ":" + lines.get(r);
    }
}
