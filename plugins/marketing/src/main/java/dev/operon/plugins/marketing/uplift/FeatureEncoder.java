package dev.operon.plugins.marketing.uplift;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Turns feature columns into numbers, learnt from the training file: a column is numeric when every non-empty value
 * of it parses as a finite number (standardised; empty values become the mean), otherwise categorical (one-hot over
 * its {@value #MAX_LEVELS} most frequent values, plus one slot for any other value and the empty value).
 */
final class FeatureEncoder {

    static final int MAX_LEVELS = 30;

    /** How one column is encoded. */
    record ColumnCode(String name, boolean numeric, double mean, double scale, Map<String, Integer> levels) {

        int width() {
            return numeric ? 1 : levels.size() + 1;
        }
    }

    final List<ColumnCode> columns;
    final int width;

    private FeatureEncoder(List<ColumnCode> columns) {
        this.columns = columns;
        this.width = columns.stream().mapToInt(ColumnCode::width).sum();
    }

    /** Learns the encoding of every column of {@code train} except {@code excluded}. */
    static FeatureEncoder learn(CsvFile train, Set<String> excluded) {
        List<ColumnCode> columns = new ArrayList<>();
        for (int c = 0; c < train.header.size(); c++) {
            String name = train.header.get(c);
            if (excluded.contains(name)) {
                continue;
            }
            boolean numeric = true;
            double sum = 0;
            double sumSq = 0;
            int n = 0;
            Map<String, Integer> counts = new HashMap<>();
            for (String[] row : train.rows) {
                String v = row[c].strip();
                counts.merge(v, 1, Integer::sum);
                if (v.isEmpty() || !numeric) {
                    continue;
                }
                Double d = number(v);
                if (d == null) {
                    numeric = false;
                } else {
                    sum += d;
                    sumSq += d * d;
                    n++;
                }
            }
            if (numeric && n > 0) {
                double mean = sum / n;
                double var = Math.max(0, sumSq / n - mean * mean);
                columns.add(new ColumnCode(name, true, mean, var > 1e-12 ? Math.sqrt(var) : 1, Map.of()));
            } else {
                Map<String, Integer> levels = new LinkedHashMap<>();
                counts.entrySet().stream().filter(e -> !e.getKey().isEmpty())
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(MAX_LEVELS).forEach(e -> levels.put(e.getKey(), levels.size()));
                columns.add(new ColumnCode(name, false, 0, 1, levels));
            }
        }
        return new FeatureEncoder(List.copyOf(columns));
    }

    /** Where each feature column is in {@code file}; every one must be there. */
    int[] positions(CsvFile file) throws UpliftInputException {
        int[] at = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            at[i] = file.header.indexOf(columns.get(i).name());
            if (at[i] < 0) {
                throw new UpliftInputException(file.path + ":1: feature column " + columns.get(i).name()
                        + " of the training file is missing");
            }
        }
        return at;
    }

    /** The encoded rows of {@code file}; a non-numeric value in a numeric column is an error naming it. */
    float[][] encode(CsvFile file) throws UpliftInputException {
        int[] at = positions(file);
        float[][] out = new float[file.rows.size()][width];
        for (int r = 0; r < file.rows.size(); r++) {
            String[] row = file.rows.get(r);
            int offset = 0;
            for (int i = 0; i < columns.size(); i++) {
                ColumnCode code = columns.get(i);
                String v = row[at[i]].strip();
                if (code.numeric()) {
                    Double d = v.isEmpty() ? Double.valueOf(code.mean()) : number(v);
                    if (d == null) {
                        throw new UpliftInputException(file.at(r) + ": column " + code.name() + " is numeric in the"
                                + " training file, found \"" + v + "\"");
                    }
                    out[r][offset] = (float) ((d - code.mean()) / code.scale());
                } else {
                    Integer level = code.levels().get(v);
                    out[r][offset + (level == null ? code.levels().size() : level)] = 1f;
                }
                offset += code.width();
            }
        }
        return out;
    }

    private static Double number(String v) {
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Encodes one row given as column name to value; a missing column counts as empty. */
    float[] encode(Map<String, String> values) {
        float[] out = new float[width];
        int offset = 0;
        for (ColumnCode code : columns) {
            String v = values.getOrDefault(code.name(), "");
            v = v == null ? "" : v.strip();
            if (code.numeric()) {
                Double d = v.isEmpty() ? null : number(v);
                out[offset] = d == null ? 0f : (float) ((d - code.mean()) / code.scale());
            } else {
                Integer level = code.levels().get(v);
                out[offset + (level == null ? code.levels().size() : level)] = 1f;
            }
            offset += code.width();
        }
        return out;
    }

    /** The encoding as a properties text, read back by {@link #read}. */
    String write() {
        Properties p = new Properties();
        p.setProperty("columns", Integer.toString(columns.size()));
        for (int i = 0; i < columns.size(); i++) {
            ColumnCode code = columns.get(i);
            String key = "column." + i + ".";
            p.setProperty(key + "name", code.name());
            p.setProperty(key + "numeric", Boolean.toString(code.numeric()));
            p.setProperty(key + "mean", Double.toString(code.mean()));
            p.setProperty(key + "scale", Double.toString(code.scale()));
            p.setProperty(key + "levels", Integer.toString(code.levels().size()));
            code.levels().forEach((level, at) -> p.setProperty(key + "level." + at, level));
        }
        StringWriter out = new StringWriter();
        try {
            p.store(out, "uplift feature encoding");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static FeatureEncoder read(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        int n = Integer.parseInt(p.getProperty("columns"));
        List<ColumnCode> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "column." + i + ".";
            Map<String, Integer> levels = new LinkedHashMap<>();
            int count = Integer.parseInt(p.getProperty(key + "levels"));
            for (int l = 0; l < count; l++) {
                levels.put(p.getProperty(key + "level." + l), l);
            }
            columns.add(new ColumnCode(p.getProperty(key + "name"), Boolean.parseBoolean(p.getProperty(key + "numeric")),
                    Double.parseDouble(p.getProperty(key + "mean")), Double.parseDouble(p.getProperty(key + "scale")),
                    levels));
        }
        return new FeatureEncoder(List.copyOf(columns));
    }

    String describe() {
        long numeric = columns.stream().filter(ColumnCode::numeric).count();
        return columns.size() + " feature columns (" + numeric + " numeric, " + (columns.size() - numeric)
                + " categorical), " + width + " inputs";
    }
}
