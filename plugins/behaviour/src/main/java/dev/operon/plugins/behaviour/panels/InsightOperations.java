package dev.operon.plugins.behaviour.panels;

import dev.operon.plugins.behaviour.personas.PersonaStore;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Read-only operations behind the console panels: profile lookup with its event timeline, the churn-risk list and the
 * CLV table (from the scores the churn and CLV tasks write on profiles), and the personas.
 */
public final class InsightOperations {

    /** Score names written by the churn and CLV tasks (stored by the platform as {@code behaviour.<name>}). */
    public static final String CHURN_SCORE = "behaviour.churn";
    public static final String CLV_SCORE = "behaviour.clv";

    private InsightOperations() {
    }

    /**
     * Which profile.
     *
     * @param id     a user id, an anonymous id, or a profile id
     * @param events how many of the latest events to show (default 100)
     */
    public record LookupInput(@NotBlank @Size(max = 500) String id, @Min(0) @Max(1000) int events) {
    }

    /** One event of the timeline. */
    public record TimelineEvent(Instant at, String type, String name, Map<String, Object> properties,
                                Map<String, Object> traits) {
    }

    /** A profile with its segments, persona and latest events (newest first). */
    public record Lookup(long profileId, String userId, List<String> anonymousIds, Map<String, Object> traits,
                         Object features, Map<String, Boolean> consent, Map<String, Map<String, Object>> scores,
                         List<String> segments, List<TimelineEvent> timeline, Instant createdAt, Instant updatedAt) {
    }

    /** A page of a ranked list. */
    public record RankInput(@Min(0) @Max(1000) int limit, @Min(0) int offset) {
    }

    /** A churn-risk row. */
    public record ChurnRow(long profileId, String userId, double score, String topFeatures) {
    }

    /** A CLV row. */
    public record ClvRow(long profileId, String userId, double expectedPurchases, double expectedValue) {
    }

    /** No input. */
    public record NoInput() {
    }

    public static List<Operation<?, ?>> all() {
        return List.of(
                Operation.query("profile-lookup", "Profile lookup",
                        "A profile by user id, anonymous id or profile id, with its segments, scores and latest"
                                + " events.", LookupInput.class, Lookup.class, InsightOperations::lookup),
                Operation.query("churn-risk", "Churn risk",
                        "Profiles by churn score (from behaviour.churn), highest first, with the features that"
                                + " contributed most.", RankInput.class, List.class, InsightOperations::churn),
                Operation.query("clv-table", "Customer lifetime value",
                        "Profiles by expected value (from behaviour.clv), highest first.", RankInput.class,
                        List.class, InsightOperations::clv),
                Operation.query("list-personas", "Personas",
                        "The personas of the latest training with their statistics.", NoInput.class, List.class,
                        (c, in) -> new PersonaStore(c.data()).list()));
    }

    private static Lookup lookup(OperationContext c, LookupInput in) throws SQLException {
        Optional<Profile> found = c.profiles().resolve(in.id());
        if (found.isEmpty() && in.id().matches("\\d{1,18}")) {
            found = c.profiles().get(Long.parseLong(in.id()));
        }
        Profile p = found.orElseThrow(() -> OperationException.notFound("no profile known as '" + in.id() + "'"));
        int limit = in.events() == 0 ? 100 : in.events();
        // the latest by event time (ids follow arrival, and imports arrive late): a min-heap of the newest
        PriorityQueue<Event> latest = new PriorityQueue<>(Comparator.comparing(Event::timestamp)
                .thenComparingLong(Event::id));
        c.events().forEach(EventQuery.all().ofProfile(p.id()), e -> {
            latest.add(e);
            if (latest.size() > limit) {
                latest.poll();
            }
        });
        List<TimelineEvent> timeline = latest.stream()
                .sorted(Comparator.comparing(Event::timestamp).thenComparingLong(Event::id).reversed())
                .map(e -> new TimelineEvent(e.timestamp(), e.type(), e.name(), e.properties(), e.traits()))
                .toList();
        return new Lookup(p.id(), p.userId(), p.anonymousIds(), p.traits(), p.features(), p.consent().purposes(),
                p.scores(), segments(c, p.id()), timeline, p.createdAt(), p.updatedAt());
    }

    private static List<String> segments(OperationContext c, long profileId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection conn = c.data().dataSource().getConnection(); PreparedStatement s = conn.prepareStatement(
                "SELECT s.name FROM behaviour_segment_member m JOIN behaviour_segment s ON s.id = m.segment_id"
                        + " WHERE m.profile_id = ? ORDER BY s.name")) {
            s.setLong(1, profileId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    private static List<ChurnRow> churn(OperationContext c, RankInput in) {
        List<ChurnRow> rows = new ArrayList<>();
        c.profiles().forEach(ProfileQuery.all(), p -> {
            Map<String, Object> score = p.scores().get(CHURN_SCORE);
            if (score != null && score.get("score") instanceof Number n) {
                Object top = score.get("top_features");
                rows.add(new ChurnRow(p.id(), p.userId(), n.doubleValue(), describe(top)));
            }
        });
        rows.sort(Comparator.comparingDouble(ChurnRow::score).reversed().thenComparingLong(ChurnRow::profileId));
        return page(rows, in);
    }

    private static List<ClvRow> clv(OperationContext c, RankInput in) {
        List<ClvRow> rows = new ArrayList<>();
        c.profiles().forEach(ProfileQuery.all(), p -> {
            Map<String, Object> score = p.scores().get(CLV_SCORE);
            if (score != null && score.get("expected_value") instanceof Number value) {
                double purchases = score.get("expected_purchases") instanceof Number n ? n.doubleValue() : 0;
                rows.add(new ClvRow(p.id(), p.userId(), purchases, value.doubleValue()));
            }
        });
        rows.sort(Comparator.comparingDouble(ClvRow::expectedValue).reversed().thenComparingLong(ClvRow::profileId));
        return page(rows, in);
    }

    private static <T> List<T> page(List<T> rows, RankInput in) {
        int limit = in.limit() == 0 ? 100 : in.limit();
        int from = Math.min(rows.size(), in.offset());
        return List.copyOf(rows.subList(from, Math.min(rows.size(), from + limit)));
    }

    /** top_features as text: a list of names, of {feature, contribution} maps, or a map of name to weight. */
    private static String describe(Object top) {
        if (top instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    Object name = m.containsKey("feature") ? m.get("feature") : m.get("name");
                    Object weight = m.containsKey("contribution") ? m.get("contribution") : m.get("weight");
                    parts.add(weight == null ? String.valueOf(name) : name + " (" + weight + ")");
                } else {
                    parts.add(String.valueOf(item));
                }
            }
            return String.join(", ", parts);
        }
        if (top instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(k + " (" + v + ")"));
            return String.join(", ", parts);
        }
        return top == null ? "" : top.toString();
    }
}
