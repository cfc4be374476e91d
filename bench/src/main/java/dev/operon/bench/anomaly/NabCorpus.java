package dev.operon.bench.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * NAB's corpus as laid out in its repository: {@code data/<category>/<file>.csv} ({@code timestamp,value}) and
 * {@code labels/combined_windows.json} (file path to a list of [start, end] timestamps).
 */
public final class NabCorpus {

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    /** One file: its scorer view and its values. */
    public record File(String relativePath, Path path, NabSeries series, double[] values) {
    }

    private NabCorpus() {
    }

    /** Loads every file named in the windows file, sorted by relative path. */
    public static List<File> load(Path root) throws IOException {
        JsonNode windows = new ObjectMapper().readTree(root.resolve("labels/combined_windows.json").toFile());
        Map<String, JsonNode> byFile = new TreeMap<>();
        windows.fields().forEachRemaining(e -> byFile.put(e.getKey(), e.getValue()));
        List<File> files = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : byFile.entrySet()) {
            Path path = root.resolve("data").resolve(e.getKey());
            List<Long> times = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                String header = reader.readLine();
                if (header == null || !header.strip().equals("timestamp,value")) {
                    throw new IOException(path + ": expected header timestamp,value");
                }
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    int comma = line.indexOf(',');
                    times.add(millis(line.substring(0, comma)));
                    values.add(Double.parseDouble(line.substring(comma + 1).strip()));
                }
            }
            long[] timestamps = times.stream().mapToLong(Long::longValue).toArray();
            List<NabSeries.Window> fileWindows = new ArrayList<>();
            Iterator<JsonNode> it = e.getValue().elements();
            while (it.hasNext()) {
                JsonNode w = it.next();
                fileWindows.add(toRows(timestamps, millis(w.get(0).asText()), millis(w.get(1).asText()), path));
            }
            files.add(new File(e.getKey(), path, new NabSeries(e.getKey(), timestamps, List.copyOf(fileWindows)),
                    values.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return files;
    }

    static long millis(String text) {
        return LocalDateTime.parse(text.strip(), TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The rows whose timestamps fall within [start, end]. */
    private static NabSeries.Window toRows(long[] timestamps, long start, long end, Path path) throws IOException {
        int first = -1;
        int last = -1;
        for (int i = 0; i < timestamps.length; i++) {
            if (timestamps[i] >= start && timestamps[i] <= end) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            throw new IOException(path + ": no rows in window " + start + ".." + end);
        }
        return new NabSeries.Window(first, last);
    }
}
