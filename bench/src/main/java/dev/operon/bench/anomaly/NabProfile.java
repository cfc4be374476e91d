package dev.operon.bench.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of NAB's application profiles: the weights of a true positive, a false negative and a false positive (NAB's
 * {@code config/profiles.json}; the true-negative weight is unused by the scorer).
 */
public record NabProfile(String name, double tpWeight, double fnWeight, double fpWeight) {

    /** The profiles of {@code config/profiles.json}, in file order (standard, reward low FP, reward low FN). */
    public static List<NabProfile> load(Path profilesJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(profilesJson.toFile());
        List<NabProfile> profiles = new ArrayList<>();
        root.fields().forEachRemaining(e -> {
            JsonNode costs = e.getValue().get("CostMatrix");
            profiles.add(new NabProfile(e.getKey(), costs.get("tpWeight").asDouble(), costs.get("fnWeight").asDouble(),
                    costs.get("fpWeight").asDouble()));
        });
        return List.copyOf(profiles);
    }
}
