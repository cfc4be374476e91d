package dev.operon.plugins.marketing.journeys;

import dev.operon.plugins.marketing.Edit;
import dev.operon.plugins.marketing.audience.SegmentCheck;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.sdk.operation.NoInput;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import jakarta.validation.constraints.Positive;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Journeys: written as drafts, activated (every send step's campaign must be scheduled, so its content went through
 * the campaigns' approval by a second operator), stopped. Every action is audited with the journey before and after.
 */
public final class JourneyOperations {

    private JourneyOperations() {
    }

    /** @param id the journey id */
    public record IdInput(@Positive long id) {
    }

    /** One step of the journey view: users waiting there now, users who went through, and where they went. */
    public record StepView(String step, String kind, long waiting, long passed, Map<String, Long> outcomes) {
    }

    /** Where the users of a journey are. */
    public record View(long id, String name, String status, long entered, long active, long done, long goal,
                       List<StepView> steps) {
    }

    public static List<Operation<?, ?>> all() {
        return List.of(
                Operation.action("create-journey", "Create a journey (draft)", JourneyInput.class, Journey.class,
                        JourneyOperations::create),
                Operation.query("get-journey", "Journey", IdInput.class, Journey.class, (c, in) -> read(c, in.id())),
                Operation.query("list-journeys", "Journeys", NoInput.class, List.class, (c, in) -> list(c)),
                Operation.action("activate-journey", "Activate a journey: users enter from now on", IdInput.class,
                        Journey.class, JourneyOperations::activate),
                Operation.action("stop-journey", "Stop a journey: nobody enters or moves any more", IdInput.class,
                        Journey.class, JourneyOperations::stop),
                Operation.query("journey-view", "Where the users of a journey are", IdInput.class, View.class,
                        (c, in) -> view(c, in.id())));
    }

    private static Journey create(OperationContext context, JourneyInput in) throws SQLException {
        Journey created = context.data().inTransaction(c -> {
            List<JourneyStep> steps = JourneyValidator.check(in, id -> journeyCampaign(c, id),
                    SegmentCheck.of(context));
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM marketing_journey WHERE name = ?")) {
                ps.setString(1, in.name().trim());
                try (ResultSet r = ps.executeQuery()) {
                    if (r.next()) {
                        throw new OperationException(409, "a journey named \"" + in.name().trim() + "\" exists");
                    }
                }
            }
            return JourneyStore.get(c, JourneyStore.insert(c, in, steps, context.actor()), false).orElseThrow();
        });
        context.audit(null, summary(created));
        return created;
    }

    private static boolean journeyCampaign(Connection c, long id) {
        try {
            return CampaignStore.get(c, id, false).map(k -> "journey".equals(k.schedule())).orElse(false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Journey activate(OperationContext context, IdInput in) throws SQLException {
        return transition(context, in.id(), (c, before) -> {
            if (!"draft".equals(before.status())) {
                throw new OperationException(409, "journey " + before.id() + " is " + before.status()
                        + ": only drafts can be activated");
            }
            for (JourneyStep s : before.steps()) {
                if ("send".equals(s.kind())) {
                    Campaign k = CampaignStore.get(c, s.campaignId(), false).orElseThrow();
                    if (!k.active()) {
                        throw new OperationException(409, "step '" + s.id() + "' sends campaign " + k.id()
                                + ", which is " + k.status() + ": approve and schedule it first");
                    }
                }
            }
            update(c, "UPDATE marketing_journey SET status = 'active', activated_at = now() WHERE id = ?",
                    before.id());
        });
    }

    private static Journey stop(OperationContext context, IdInput in) throws SQLException {
        return transition(context, in.id(), (c, before) -> {
            if ("stopped".equals(before.status())) {
                throw new OperationException(409, "journey " + before.id() + " is already stopped");
            }
            update(c, "UPDATE marketing_journey SET status = 'stopped', stopped_at = now() WHERE id = ?",
                    before.id());
        });
    }

    private interface Change {
        void apply(Connection c, Journey before) throws SQLException;
    }

    private static Journey transition(OperationContext context, long id, Change change) throws SQLException {
        Edit<Journey> edit = context.data().inTransaction(c -> {
            Journey before = JourneyStore.get(c, id, true)
                    .orElseThrow(() -> OperationException.notFound("no journey " + id));
            change.apply(c, before);
            return new Edit<>(before, JourneyStore.get(c, id, false).orElseThrow());
        });
        context.audit(summary(edit.before()), summary(edit.after()));
        return edit.after();
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static Map<String, Object> summary(Journey j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("name", j.name());
        m.put("status", j.status());
        m.put("steps", j.steps().size());
        return m;
    }

    private static Journey read(OperationContext context, long id) throws SQLException {
        try (Connection c = context.data().dataSource().getConnection()) {
            return JourneyStore.get(c, id, false).orElseThrow(() -> OperationException.notFound("no journey " + id));
        }
    }

    private static List<Journey> list(OperationContext context) throws SQLException {
        try (Connection c = context.data().dataSource().getConnection()) {
            return JourneyStore.list(c);
        }
    }

    /** Counts per step, from where users are now and the paths they took (step, or step:outcome). */
    static View view(OperationContext context, long id) throws SQLException {
        try (Connection c = context.data().dataSource().getConnection()) {
            Journey j = JourneyStore.get(c, id,
                    false).orElseThrow(() -> OperationException.notFound("no journey " + id));
            Map<String, Long> waiting = new TreeMap<>();
            Map<String, Long> passed = new TreeMap<>();
            Map<String, Map<String, Long>> outcomes = new TreeMap<>();
            long active = 0;
            long done = 0;
            long goal = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT status, step, path FROM marketing_journey_member"
                    + " WHERE journey_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        switch (r.getString(1)) {
                            case "active" -> {
                                active++;
                                waiting.merge(r.getString(2), 1L, Long::sum);
                            }
                            case "goal" -> goal++;
                            default -> done++;
                        }
                        for (String token : r.getString(3).isBlank() ? new String[0] : r.getString(3).split(" ")) {
                            int mark = indexOfAny(token);
                            String step = mark < 0 ? token : token.substring(0, mark);
                            passed.merge(step, 1L, Long::sum);
                            if (mark >= 0) {
                                outcomes.computeIfAbsent(step, k -> new TreeMap<>())
                                        .merge(token.substring(mark + 1).replace(")", ""), 1L, Long::sum);
                            }
                        }
                    }
                }
            }
            List<StepView> steps = new ArrayList<>();
            for (JourneyStep s : j.steps()) {
                steps.add(new StepView(s.id(), s.kind(), waiting.getOrDefault(s.id(), 0L),
                        passed.getOrDefault(s.id(), 0L), outcomes.getOrDefault(s.id(), Map.of())));
            }
            return new View(j.id(), j.name(), j.status(), active + done + goal, active, done, goal, steps);
        }
    }

    private static int indexOfAny(String token) {
        int colon = token.indexOf(':');
        int paren = token.indexOf('(');
        if (colon < 0) {
            return paren;
        }
        return paren < 0 ? colon : Math.min(colon, paren);
    }
}
