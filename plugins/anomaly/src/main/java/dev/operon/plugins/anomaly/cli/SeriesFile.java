package dev.operon.plugins.anomaly.cli;

import dev.operon.plugins.anomaly.detect.SeriesDetector;
import dev.operon.sdk.cli.OutputFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores one {@code timestamp,value} CSV file online, row by row in file order, and writes the same rows with an
 * {@code anomaly_score} column. The output is written to a temporary file next to the target and moved into place
 * only once the whole input was read, so a bad row never leaves a half-written output behind.
 *
 * <p>An empty value (or {@code nan}, {@code NaN}, {@code null}) is a missing point: it is kept and scored 0. Fields
 * may be quoted (RFC 4180), and the header may name the two columns in either order.
 */
final class SeriesFile {

    static final String HEADER = "timestamp,value";
    static final String OUTPUT_HEADER = "timestamp,value,anomaly_score";

    private SeriesFile() {
    }

    /** Scores {@code input} into {@code output}; returns the number of data rows. */
    static long score(Path input, String displayName, Path output, SeriesDetector detector)
            throws IOException, CsvInputException {
        long[] rows = new long[1];
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            OutputFile.write(output, writer -> rows[0] = copyScored(reader, writer, displayName, detector));
        }
        return rows[0];
    }

    private static long copyScored(BufferedReader reader, BufferedWriter writer, String file,
                                   SeriesDetector detector) throws IOException, CsvInputException {
        String header = reader.readLine();
        if (header == null) {
            throw new CsvInputException(file, 1, 0, "empty file; expected the header '" + HEADER + "'");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        boolean valueFirst = valueFirst(header, file);
        writer.write(valueFirst ? "value,timestamp,anomaly_score" : OUTPUT_HEADER);
        writer.write('\n');
        int timeField = valueFirst ? 1 : 0;
        StringBuilder out = new StringBuilder(64);
        long line = 1;
        long rows = 0;
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            List<CsvFields.Field> fields = fields(text, file, line);
            if (fields.size() != 2) {
                throw new CsvInputException(file, line, 0, "expected 2 fields (" + (valueFirst ? "value,timestamp"
                        : HEADER) + "), got " + fields.size() + ": '" + text + "'");
            }
            CsvFields.Field time = fields.get(timeField);
            CsvFields.Field valueField = fields.get(1 - timeField);
            long timestamp;
            try {
                timestamp = Timestamps.parse(time.text());
            } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new CsvInputException(file, line, time.column(), "unparsable timestamp '" + time.text()
                        + "'; expected " + Timestamps.examples());
            }
            double value = parseValue(valueField.text().strip(), file, line, valueField.column());
            double score = detector.score(timestamp, value);
            out.setLength(0);
            out.append(text.stripTrailing()).append(',');
            appendScore(out, score);
            out.append('\n');
            writer.append(out);
            rows++;
        }
        return rows;
    }

    /** Whether the header names the columns the other way round ({@code value,timestamp}); any other header is refused. */
    private static boolean valueFirst(String header, String file) throws CsvInputException {
        List<String> names = new ArrayList<>();
        try {
            for (CsvFields.Field field : CsvFields.split(header)) {
                names.add(field.text().strip().toLowerCase(Locale.ROOT));
            }
        } catch (CsvFields.MalformedException e) {
            names.clear();
        }
        if (names.equals(List.of("timestamp", "value"))) {
            return false;
        }
        if (names.equals(List.of("value", "timestamp"))) {
            return true;
        }
        throw new CsvInputException(file, 1, 0, "expected the header '" + HEADER + "', got '" + header + "'");
    }

    private static List<CsvFields.Field> fields(String text, String file, long line) throws CsvInputException {
        try {
            return CsvFields.split(text);
        } catch (CsvFields.MalformedException e) {
            throw new CsvInputException(file, line, e.column, e.getMessage() + ": '" + text + "'");
        }
    }

    private static double parseValue(String text, String file, long line, int column) throws CsvInputException {
        if (text.isEmpty() || text.equalsIgnoreCase("nan") || text.equalsIgnoreCase("null")) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CsvInputException(file, line, column, "unparsable value '" + text
                    + "'; expected a number, or an empty field for a missing point");
        }
    }

    /** Six decimals, fixed point, without {@code String.format}'s cost. */
    static void appendScore(StringBuilder out, double score) {
        double clamped = Double.isNaN(score) ? 0.0 : Math.max(0.0, Math.min(1.0, score));
        long micros = Math.round(clamped * 1_000_000L);
        out.append(micros / 1_000_000L).append('.');
        String fraction = Long.toString(micros % 1_000_000L);
        for (int i = fraction.length(); i < 6; i++) {
            out.append('0');
        }
        out.append(fraction);
    }
}
