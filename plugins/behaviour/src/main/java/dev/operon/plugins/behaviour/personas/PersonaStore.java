package dev.operon.plugins.behaviour.personas;

import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.json.Json;
import dev.operon.sdk.profiles.Profile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Personas and assignments of the latest training, and their descriptive statistics. */
public final class PersonaStore {

    /**
     * One persona.
     *
     * @param persona       its number
     * @param label         a generated label: its most distinctive events
     * @param size          users assigned
     * @param topEvents     event name to its share of the persona's events, largest first (at most 5)
     * @param meanFeatures  mean profile features of its users
     * @param exampleTraits for the traits most of its users have, the commonest values and their shares
     */
    public record Summary(int persona, String label, long size, Map<String, Double> topEvents,
                          Map<String, Double> meanFeatures, Map<String, Map<String, Double>> exampleTraits) {
    }

    private final PluginData data;

    public PersonaStore(PluginData data) {
        this.data = data;
    }

    static List<Summary> describe(int k, List<Long> users, KMeans.Result clusters, Sequences sequences,
                                  SequenceFeatures features, Map<Long, Profile> profiles) {
        List<String> names = features.names();
        double[][] share = new double[k][names.size()];
        double[] overall = new double[names.size()];
        double[][] featureSums = new double[k][5];
        long[] sizes = new long[k];
        List<Map<String, Map<String, Integer>>> traitCounts = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            traitCounts.add(new HashMap<>());
        }
        for (int i = 0; i < users.size(); i++) {
            int c = clusters.labels()[i];
            sizes[c]++;
            for (String name : sequences.names(users.get(i))) {
                int slot = features.vocabulary().indexOf(name);
                slot = slot < 0 ? names.size() - 1 : slot;
                share[c][slot]++;
                overall[slot]++;
            }
            Profile p = profiles.get(users.get(i));
            if (p != null) {
                featureSums[c][0] += p.features().events();
                featureSums[c][1] += p.features().sessions();
                featureSums[c][2] += p.features().frequency();
                featureSums[c][3] += p.features().monetary();
                featureSums[c][4] += p.features().recencyDays() == null ? 0 : p.features().recencyDays();
                Map<String, Map<String, Integer>> traits = traitCounts.get(c);
                p.traits().forEach((key, value) -> {
                    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                        traits.computeIfAbsent(key, x -> new HashMap<>()).merge(value.toString(), 1, Integer::sum);
                    }
                });
            }
        }
        double overallTotal = java.util.Arrays.stream(overall).sum();
        List<Summary> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double total = java.util.Arrays.stream(share[c]).sum();
            Map<String, Double> top = new LinkedHashMap<>();
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                order.add(j);
            }
            final int cluster = c;
            order.sort(Comparator.comparingDouble(j -> -share[cluster][j]));
            order.stream().limit(5).filter(j -> share[cluster][j] > 0)
                    .forEach(j -> top.put(names.get(j), round(share[cluster][j] / total)));
            // label: the events most over-represented in this persona compared with everyone
            List<Integer> lift = new ArrayList<>(order);
            lift.removeIf(j -> share[cluster][j] / Math.max(1, total) < 0.05);
            lift.sort(Comparator.comparingDouble(j -> -(share[cluster][j] / Math.max(1, total))
                    / Math.max(1e-9, overall[j] / overallTotal)));
            String label = lift.stream().limit(2).map(names::get).reduce((a, b) -> a + " + " + b)
                    .orElse("persona " + c);
            Map<String, Double> mean = new LinkedHashMap<>();
            String[] featureNames = {"events", "sessions", "frequency", "monetary", "recency_days"};
            for (int f = 0; f < featureNames.length; f++) {
                mean.put(featureNames[f], round(sizes[c] == 0 ? 0 : featureSums[c][f] / sizes[c]));
            }
            Map<String, Map<String, Double>> examples = new LinkedHashMap<>();
            long size = sizes[c];
            traitCounts.get(c).entrySet().stream()
                    .filter(e -> e.getValue().values().stream().mapToInt(Integer::intValue).sum() * 2 >= size)
                    .sorted(Map.Entry.comparingByKey()).limit(5)
                    .forEach(e -> {
                        Map<String, Double> values = new LinkedHashMap<>();
                        e.getValue().entrySet().stream()
                                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                                .forEach(v -> values.put(v.getKey(), round(v.getValue() / (double) size)));
                        examples.put(e.getKey(), values);
                    });
            out.add(new Summary(c, label, size, top, mean, examples));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** Replaces the personas and every assignment with those of a training, in one transaction. */
    void replace(Instant at, List<Summary> summaries, List<Long> users, KMeans.Result clusters) throws SQLException {
        data.inTransactionWithoutResult(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM behaviour_persona_assignment");
                s.executeUpdate("DELETE FROM behaviour_persona");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO behaviour_persona (persona, trained_at,"
                    + " size, label, stats) VALUES (?, ?, ?, ?, ?)")) {
                for (Summary summary : summaries) {
                    Map<String, Object> stats = new LinkedHashMap<>();
                    stats.put("topEvents", summary.topEvents());
                    stats.put("meanFeatures", summary.meanFeatures());
                    stats.put("exampleTraits", summary.exampleTraits());
                    s.setInt(1, summary.persona());
                    s.setTimestamp(2, Timestamp.from(at));
                    s.setLong(3, summary.size());
                    s.setString(4, summary.label());
                    s.setString(5, Json.write(stats));
                    s.addBatch();
                }
                s.executeBatch();
            }
            for (int i = 0; i < users.size(); i += 20_000) {
                int end = Math.min(users.size(), i + 20_000);
                Long[] ids = users.subList(i, end).toArray(new Long[0]);
                Integer[] personas = new Integer[end - i];
                Double[] distances = new Double[end - i];
                for (int j = i; j < end; j++) {
                    personas[j - i] = clusters.labels()[j];
                    distances[j - i] = clusters.distances()[j];
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO behaviour_persona_assignment"
                        + " (profile_id, persona, distance, assigned_at) SELECT x.p, x.c, x.d, ? FROM"
                        + " unnest(?::bigint[], ?::int[], ?::float8[]) AS x(p, c, d)")) {
                    s.setTimestamp(1, Timestamp.from(at));
                    s.setArray(2, c.createArrayOf("bigint", ids));
                    s.setArray(3, c.createArrayOf("integer", personas));
                    s.setArray(4, c.createArrayOf("float8", distances));
                    s.executeUpdate();
                }
            }
        });
    }

    /** A persona as the operations list it. */
    public record PersonaRow(int persona, String label, long size, Instant trainedAt, String topEvents,
                             Map<String, Object> stats) {
    }

    @SuppressWarnings("unchecked")
    public List<PersonaRow> list() throws SQLException {
        List<PersonaRow> out = new ArrayList<>();
        try (Connection c = data.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT persona, label, size, trained_at, stats FROM behaviour_persona"
                     + " ORDER BY persona")) {
            while (r.next()) {
                Map<String, Object> stats = (Map<String, Object>) Json.parse(r.getString(5));
                Map<String, Object> top = (Map<String, Object>) stats.get("topEvents");
                StringBuilder text = new StringBuilder();
                top.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name)
                        .append(String.format(Locale.ROOT, " %.0f%%", ((Number) value).doubleValue() * 100)));
                out.add(new PersonaRow(r.getInt(1), r.getString(2), r.getLong(3), r.getTimestamp(4).toInstant(),
                        text.toString(), stats));
            }
        }
        return out;
    }

    /** Profile id to assigned persona, for tests and lookups. */
    public Map<Long, Integer> assignments() throws SQLException {
        Map<Long, Integer> out = new HashMap<>();
        try (Connection c = data.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT profile_id, persona FROM behaviour_persona_assignment")) {
            while (r.next()) {
                out.put(r.getLong(1), r.getInt(2));
            }
        }
        return out;
    }
}
