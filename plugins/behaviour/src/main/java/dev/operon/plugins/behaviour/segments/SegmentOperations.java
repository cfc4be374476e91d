package dev.operon.plugins.behaviour.segments;

import dev.operon.plugins.behaviour.segments.rules.CompiledRule;
import dev.operon.plugins.behaviour.segments.rules.RuleCompiler;
import dev.operon.plugins.behaviour.segments.rules.RuleException;
import dev.operon.sdk.json.Json;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.Profile;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The segment operations: create, update, delete, list, preview, members, size history, changes, refresh. Each is
 * built with {@link Ops}; role checks, input validation and the audit of actions are the platform's.
 */
public final class SegmentOperations {

    /** Config key: profiles a preview evaluates before it samples. */
    public static final String PREVIEW_MAX_PROFILES = "segment-preview-max-profiles";

    private SegmentOperations() {
    }

    /**
     * A new segment.
     *
     * @param name        unique name
     * @param description what it is for
     * @param rule        the rule: a JSON object, or JSON text (see the README's rule language)
     */
    public record CreateInput(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
                              @NotNull Object rule) {
    }

    /** Changes a segment: all fields are replaced. */
    public record UpdateInput(@Min(1) long id, @NotBlank @Size(max = 200) String name,
                              @Size(max = 2000) String description, @NotNull Object rule) {
    }

    /** Which segment. */
    public record IdInput(@Min(1) long id) {
    }

    /** A rule to preview. */
    public record PreviewInput(@NotNull Object rule) {
    }

    /** No input. */
    public record NoInput() {
    }

    /**
     * A page of members.
     *
     * @param segmentId the segment; 0 for the members of every segment
     * @param after     profile id the page starts after (0 for the first page)
     * @param limit     rows per page
     */
    public record MembersInput(@Min(0) long segmentId, @Min(0) long after, @Min(0) @Max(1000) int limit) {
    }

    /**
     * Size history.
     *
     * @param segmentId the segment; 0 for the total of all segments
     * @param days      how far back (default 30)
     */
    public record HistoryInput(@Min(0) long segmentId, @Min(0) @Max(3650) int days) {
    }

    /**
     * Recent changes.
     *
     * @param segmentId only this segment, 0 for all
     * @param profileId only this profile, 0 for all
     * @param limit     rows (default 100)
     */
    public record ChangesInput(@Min(0) long segmentId, @Min(0) long profileId, @Min(0) @Max(1000) int limit) {
    }

    /** Refresh now; {@code full} evaluates every profile. */
    public record RefreshInput(boolean full) {
    }

    /** A segment as the operations show it; {@code rule} is JSON text. */
    public record SegmentView(long id, String name, String description, String rule, long size,
                              Instant refreshedAt, Instant updatedAt, String createdBy, boolean pendingFullRefresh,
                              List<Long> dependsOn) {
        static SegmentView of(Segment s) {
            return new SegmentView(s.id(), s.name(), s.description(), s.rule(), s.size(), s.refreshedAt(),
                    s.updatedAt(), s.createdBy(), s.needsFull(), s.dependsOn());
        }
    }

    /** One member row. */
    public record MemberRow(long segmentId, long profileId, String userId, Instant enteredAt) {
    }

    /** One point of size history. */
    public record SizeRow(Instant at, long size) {
    }

    /** The operations, bound to the plugin's refresh settings read at call time. */
    public static List<Operation<?, ?>> all() {
        return List.of(
                Operation.query("list-segments", "Segments", "Every segment with its current size.", NoInput.class,
                        List.class, (c, in) -> new SegmentStore(c.data()).all().stream().map(SegmentView::of)
                                .toList()),
                Operation.action("create-segment", "Create a segment",
                        "Validates the rule (422 naming each bad node) and saves it; the next refresh computes its"
                                + " members.", CreateInput.class, SegmentView.class, SegmentOperations::create),
                Operation.action("update-segment", "Change a segment",
                        "Replaces name, description and rule; the next refresh recomputes every member.",
                        UpdateInput.class, SegmentView.class, SegmentOperations::update),
                Operation.action("delete-segment", "Delete a segment",
                        "Deletes it with its members and size history; refused while other rules refer to it.",
                        IdInput.class, SegmentView.class, SegmentOperations::delete),
                Operation.query("segment-preview", "Preview a rule",
                        "Live size of an unsaved rule: exact up to segment-preview-max-profiles profiles, else"
                                + " estimated from a sample (the answer says which).", PreviewInput.class,
                        SegmentPreview.Result.class, SegmentOperations::preview),
                Operation.query("segment-members", "Segment members", "Members by profile id, a page at a time.",
                        MembersInput.class, List.class, SegmentOperations::members),
                Operation.query("segment-size-history", "Segment size over time",
                        "Size after each refresh; segment 0 sums every segment.", HistoryInput.class, List.class,
                        SegmentOperations::history),
                Operation.query("segment-changes", "Entered and exited",
                        "Recorded membership changes, newest first.", ChangesInput.class, List.class,
                        (c, in) -> new SegmentStore(c.data()).changes(in.segmentId() == 0 ? null : in.segmentId(),
                                in.profileId() == 0 ? null : in.profileId(), in.limit() == 0 ? 100 : in.limit())),
                Operation.action("refresh-segments", "Refresh segments now",
                        "Recomputes memberships now (incrementally unless full is set); 409 while another refresh"
                                + " runs.", RefreshInput.class, RefreshResult.class, SegmentOperations::refresh));
    }

    private static SegmentView create(OperationContext c, CreateInput in) throws SQLException {
        SegmentStore store = new SegmentStore(c.data());
        CompiledRule rule = compile(in.rule(), null, store, c);
        Segment created = store.create(in.name().trim(), in.description() == null ? "" : in.description(),
                ruleText(in.rule()), rule.dependsOn(), c.actor());
        c.audit(null, SegmentView.of(created));
        return SegmentView.of(created);
    }

    private static SegmentView update(OperationContext c, UpdateInput in) throws SQLException {
        SegmentStore store = new SegmentStore(c.data());
        Segment before = store.get(in.id()).orElseThrow(() -> OperationException.notFound("no segment " + in.id()));
        CompiledRule rule = compile(in.rule(), in.id(), store, c);
        Segment after = store.update(in.id(), in.name().trim(), in.description() == null ? "" : in.description(),
                ruleText(in.rule()), rule.dependsOn()).orElseThrow(
                        () -> OperationException.notFound("no segment " + in.id()));
        c.audit(SegmentView.of(before), SegmentView.of(after));
        return SegmentView.of(after);
    }

    private static SegmentView delete(OperationContext c, IdInput in) throws SQLException {
        SegmentStore store = new SegmentStore(c.data());
        Segment before = store.get(in.id()).orElseThrow(() -> OperationException.notFound("no segment " + in.id()));
        if (!store.delete(in.id())) {
            throw OperationException.notFound("no segment " + in.id());
        }
        c.audit(SegmentView.of(before), null);
        try {
            new Memberships(c.data()).emitPending(c.events()); // the members' exits, now rather than at the refresh
        } catch (SQLException | RuntimeException e) {
            // recorded with the deletion: the next refresh emits them (at least once)
        }
        return SegmentView.of(before);
    }

    private static SegmentPreview.Result preview(OperationContext c, PreviewInput in) throws SQLException {
        SegmentPreview preview = new SegmentPreview(new SegmentStore(c.data()), c.events(), c.profiles(),
                c.config().getBoolean(RefreshSettings.FEATURE_WINDOWS));
        try {
            return preview.preview(in.rule(), c.config().getInt(PREVIEW_MAX_PROFILES), Instant.now());
        } catch (RuleException e) {
            throw e.toOperationException();
        }
    }

    private static List<MemberRow> members(OperationContext c, MembersInput in) throws SQLException {
        SegmentStore store = new SegmentStore(c.data());
        int limit = in.limit() == 0 ? 100 : in.limit();
        List<Long> segments = new ArrayList<>();
        if (in.segmentId() == 0) {
            store.all().forEach(s -> segments.add(s.id()));
        } else {
            store.get(in.segmentId()).orElseThrow(() -> OperationException.notFound("no segment " + in.segmentId()));
            segments.add(in.segmentId());
        }
        List<MemberRow> rows = new ArrayList<>();
        for (long segmentId : segments) {
            for (SegmentStore.Member m : store.members(segmentId, in.after(), limit - rows.size())) {
                String userId = c.profiles().get(m.profileId()).map(Profile::userId).orElse(null);
                rows.add(new MemberRow(segmentId, m.profileId(), userId, m.enteredAt()));
            }
            if (rows.size() >= limit) {
                break;
            }
        }
        return rows;
    }

    private static List<SizeRow> history(OperationContext c, HistoryInput in) throws SQLException {
        SegmentStore store = new SegmentStore(c.data());
        Instant from = Instant.now().minus(Duration.ofDays(in.days() == 0 ? 30 : in.days()));
        if (in.segmentId() != 0) {
            store.get(in.segmentId()).orElseThrow(() -> OperationException.notFound("no segment " + in.segmentId()));
            return store.sizes(in.segmentId(), from).stream().map(p -> new SizeRow(p.at(), p.size())).toList();
        }
        Map<Instant, Long> total = new TreeMap<>();
        for (Segment s : store.all()) {
            store.sizes(s.id(), from).forEach(p -> total.merge(p.at(), p.size(), Long::sum));
        }
        return total.entrySet().stream().map(e -> new SizeRow(e.getKey(), e.getValue())).toList();
    }

    private static RefreshResult refresh(OperationContext c, RefreshInput in) throws SQLException {
        SegmentRefresher refresher = new SegmentRefresher(c.data(), c.events(), c.profiles(),
                RefreshSettings.from(c.config()));
        try {
            RefreshResult result = refresher.refresh(Instant.now(), in.full(), (p, m) -> { }, () -> false);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("mode", result.mode());
            after.put("entered", result.entered());
            after.put("exited", result.exited());
            c.audit(null, after);
            return result;
        } catch (SegmentRefresher.BusyException e) {
            throw new OperationException(409, e.getMessage());
        }
    }

    private static CompiledRule compile(Object rule, Long selfId, SegmentStore store, OperationContext c)
            throws SQLException {
        try {
            return RuleCompiler.compile(rule, "rule", selfId, store.graph(),
                    c.config().getBoolean(RefreshSettings.FEATURE_WINDOWS));
        } catch (RuleException e) {
            throw e.toOperationException();
        }
    }

    /** The rule as stored: JSON text, whether it came as an object or as text. */
    private static String ruleText(Object rule) {
        return rule instanceof String text ? Json.write(Json.parse(text)) : Json.write(rule);
    }
}
