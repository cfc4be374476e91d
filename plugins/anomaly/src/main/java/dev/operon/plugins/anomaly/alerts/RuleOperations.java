package dev.operon.plugins.anomaly.alerts;

import dev.operon.plugins.anomaly.metrics.Labels;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.operation.OperationException.FieldError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Operations on alert rules. */
public final class RuleOperations {

    /**
     * @param name                unique name; saving an existing name replaces that rule
     * @param seriesName          watch series of this metric name (absent: any name)
     * @param labelMatch          watch series having all these labels
     * @param threshold           anomaly likelihood from which a point is anomalous, in (0, 1]
     * @param minDurationSeconds  how long points must stay anomalous before an incident opens (0: at once)
     * @param resolveAfterSeconds how long after the last anomalous point the incident resolves (default 300)
     * @param severity            {@code info}, {@code warning} or {@code critical}
     * @param enabled             default true
     * @param targets             whom to tell
     */
    public record RuleInput(@NotBlank @Size(max = 200) String name, @Size(max = 200) String seriesName,
                            Map<String, String> labelMatch,
                            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double threshold,
                            @Min(0) @Max(604800) Integer minDurationSeconds,
                            @Min(0) @Max(604800) Integer resolveAfterSeconds,
                            @NotBlank @Pattern(regexp = "info|warning|critical") String severity, Boolean enabled,
                            @Size(max = 20) List<@Valid @NotNull Target> targets) {
    }

    /** @param ruleId the rule */
    public record IdInput(@Min(1) long ruleId) {
    }

    /** One row of the rule list. */
    public record RuleRow(long id, String name, String seriesName, String labelMatch, double threshold,
                          int minDurationSeconds, int resolveAfterSeconds, String severity, boolean enabled,
                          String targets) {
    }

    /** No input. */
    public record NoInput() {
    }

    private RuleOperations() {
    }

    public static List<Operation<?, ?>> all() {
        return List.of(
                Operation.action("save-rule", "Save an alert rule", RuleInput.class, RuleRow.class,
                        RuleOperations::save),
                Operation.query("list-rules", "Alert rules", NoInput.class, List.class, (context, input) ->
                        context.data().inTransaction(RuleStore::all).stream().map(RuleOperations::row)
                                .toList()),
                Operation.action("delete-rule", "Delete an alert rule", IdInput.class, Map.class,
                        RuleOperations::delete));
    }

    static RuleRow save(OperationContext context, RuleInput input) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        String labels = Labels.problem(input.labelMatch());
        if (labels != null) {
            errors.add(new FieldError("labelMatch", labels));
        }
        if (!errors.isEmpty()) {
            throw OperationException.invalid(errors);
        }
        Rule draft = new Rule(0, input.name(), blankToNull(input.seriesName()), Labels.sorted(input.labelMatch()),
                input.threshold(), input.minDurationSeconds() == null ? 0 : input.minDurationSeconds(),
                input.resolveAfterSeconds() == null ? 300 : input.resolveAfterSeconds(), input.severity(),
                input.enabled() == null || input.enabled(), input.targets() == null ? List.of() : input.targets());
        RuleRow[] change = context.data().inTransaction(c -> {
            RuleRow before = RuleStore.all(c).stream().filter(r -> r.name().equals(draft.name())).findFirst()
                    .map(RuleOperations::row).orElse(null);
            long id = RuleStore.save(c, draft);
            return new RuleRow[] {before, row(RuleStore.find(c, id).orElseThrow())};
        });
        context.audit(change[0], change[1]);
        return change[1];
    }

    static Map<String, Object> delete(OperationContext context, IdInput input) throws SQLException {
        RuleRow before = context.data().inTransaction(c -> {
            Rule rule = RuleStore.find(c, input.ruleId())
                    .orElseThrow(() -> OperationException.notFound("no rule " + input.ruleId()));
            long incidents = RuleStore.incidents(c, rule.id());
            if (incidents > 0) {
                throw new OperationException(409, "rule " + rule.name() + " has " + incidents + " incidents, which"
                        + " deleting it would delete; disable it instead (save-rule with enabled false)");
            }
            RuleStore.delete(c, rule.id());
            return row(rule);
        });
        context.audit(before, null);
        return Map.of("deleted", input.ruleId());
    }

    static RuleRow row(Rule r) {
        StringBuilder targets = new StringBuilder();
        for (Target t : r.targets()) {
            if (!targets.isEmpty()) {
                targets.append("; ");
            }
            targets.append(t.channel()).append(" ").append(t.recipient());
            if (t.channel().endsWith(".webhook")) {
                targets.append(" (").append(t.format()).append(")");
            }
        }
        return new RuleRow(r.id(), r.name(), r.seriesName(), Labels.json(r.labelMatch()), r.threshold(),
                r.minDurationSeconds(), r.resolveAfterSeconds(), r.severity(), r.enabled(), targets.toString());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
