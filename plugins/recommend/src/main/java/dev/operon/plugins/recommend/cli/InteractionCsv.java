package dev.operon.plugins.recommend.cli;

import dev.operon.plugins.recommend.model.IdIndex;
import dev.operon.plugins.recommend.model.Interactions;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a training file: a header naming {@code user} and {@code item} columns, optionally {@code weight} and
 * {@code timestamp} (epoch seconds, epoch milliseconds or ISO-8601); other columns are ignored. Fields may be
 * double-quoted. Without timestamps the row order is the time order.
 */
public final class InteractionCsv {

    private InteractionCsv() {
    }

    public static Interactions read(Path file) throws IOException, UsageException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || header.isBlank()) {
                throw new UsageException(file + " is empty: it needs a header with user,item and at least one row");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> columns = split(header, file, 1).stream().map(c -> c.strip().toLowerCase(Locale.ROOT))
                    .toList();
            int userColumn = columns.indexOf("user");
            int itemColumn = columns.indexOf("item");
            int weightColumn = columns.indexOf("weight");
            int timeColumn = columns.indexOf("timestamp");
            if (userColumn < 0 || itemColumn < 0) {
                throw new UsageException(file + " line 1: the header must name the columns user and item"
                        + " (optionally weight and timestamp); found " + String.join(",", columns));
            }
            IdIndex.Builder users = new IdIndex.Builder();
            IdIndex.Builder items = new IdIndex.Builder();
            int[] user = new int[1024];
            int[] item = new int[1024];
            float[] weight = new float[1024];
            long[] time = new long[1024];
            int n = 0;
            int lineNumber = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = split(line, file, lineNumber);
                if (fields.size() < columns.size()) {
                    throw new UsageException(file + " line " + lineNumber + ": " + fields.size() + " fields, the"
                            + " header has " + columns.size());
                }
                String u = fields.get(userColumn).strip();
                String i = fields.get(itemColumn).strip();
                if (u.isEmpty() || i.isEmpty()) {
                    throw new UsageException(file + " line " + lineNumber + " column "
                            + (u.isEmpty() ? userColumn + 1 : itemColumn + 1) + ": empty " + (u.isEmpty() ? "user"
                            : "item"));
                }
                if (n == user.length) {
                    user = Arrays.copyOf(user, n * 2);
                    item = Arrays.copyOf(item, n * 2);
                    weight = Arrays.copyOf(weight, n * 2);
                    time = Arrays.copyOf(time, n * 2);
                }
                user[n] = users.add(u);
                item[n] = items.add(i);
                weight[n] = weightColumn < 0 ? 1f : weight(fields.get(weightColumn), file, lineNumber,
                        weightColumn + 1);
                time[n] = timeColumn < 0 ? n : time(fields.get(timeColumn), file, lineNumber, timeColumn + 1);
                n++;
            }
            if (n == 0) {
                throw new UsageException(file + " has a header but no interactions");
            }
            return Interactions.of(users.build(), items.build(), Arrays.copyOf(user, n), Arrays.copyOf(item, n),
                    Arrays.copyOf(weight, n), Arrays.copyOf(time, n));
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        }
    }

    private static float weight(String raw, Path file, int line, int column) throws UsageException {
        String value = raw.strip();
        if (value.isEmpty()) {
            return 1f;
        }
        try {
            float w = Float.parseFloat(value);
            if (!(w > 0) || Float.isInfinite(w)) {
                throw new UsageException(file + " line " + line + " column " + column + ": weight must be a"
                        + " positive number, not '" + value + "'");
            }
            return w;
        } catch (NumberFormatException e) {
            throw new UsageException(file + " line " + line + " column " + column + ": weight '" + value
                    + "' is not a number");
        }
    }

    private static long time(String raw, Path file, int line, int column) throws UsageException {
        String value = raw.strip();
        try {
            return (long) Double.parseDouble(value);
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(value).toEpochMilli() / 1000;
            } catch (DateTimeParseException e2) {
                throw new UsageException(file + " line " + line + " column " + column + ": timestamp '" + value
                        + "' is neither a number nor an ISO-8601 instant");
            }
        }
    }

    /** Splits one line on commas, honouring double quotes ("" inside quotes is a quote). */
    static List<String> split(String line, Path file, int lineNumber) throws UsageException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new UsageException(file + " line " + lineNumber + ": unclosed quote");
        }
        fields.add(field.toString());
        return fields;
    }
}
