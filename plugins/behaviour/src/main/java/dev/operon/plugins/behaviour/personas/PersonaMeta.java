package dev.operon.plugins.behaviour.personas;

import dev.operon.sdk.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What serving a persona version needs besides the encoder's weights, saved next to them as
 * {@value #FILE}: the vocabulary, the standardisation of the inputs, the centroids and the labels.
 */
record PersonaMeta(List<String> vocabulary, float[] mean, float[] std, double[][] centroids, List<String> labels) {

    static final String FILE = "persona-meta.json";

    void save(Path folder) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("vocabulary", vocabulary);
        json.put("mean", toList(mean));
        json.put("std", toList(std));
        List<Object> c = new ArrayList<>();
        for (double[] row : centroids) {
            c.add(row);
        }
        json.put("centroids", c);
        json.put("labels", labels);
        Files.writeString(folder.resolve(FILE), Json.write(json), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static PersonaMeta load(Path folder) throws IOException {
        Map<String, Object> json = (Map<String, Object>) Json.parse(
                Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8));
        List<Object> rows = (List<Object>) json.get("centroids");
        double[][] centroids = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = (List<Object>) rows.get(i);
            centroids[i] = row.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        return new PersonaMeta((List<String>) json.get("vocabulary"), floats(json.get("mean")),
                floats(json.get("std")), centroids, (List<String>) json.get("labels"));
    }

    float[] standardise(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - mean[i]) / std[i];
        }
        return out;
    }

    private static List<Double> toList(float[] values) {
        List<Double> out = new ArrayList<>();
        for (float v : values) {
            out.add((double) v);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static float[] floats(Object list) {
        List<Object> values = (List<Object>) list;
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
