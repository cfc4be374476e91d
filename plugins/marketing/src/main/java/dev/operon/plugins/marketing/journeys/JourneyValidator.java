package dev.operon.plugins.marketing.journeys;

import dev.operon.plugins.marketing.audience.SegmentCheck;
import dev.operon.sdk.operation.OperationException.FieldError;
import dev.operon.sdk.operation.OperationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/** Checks a journey and reports every problem at once (422 naming each field); nothing is stored on bad input. */
final class JourneyValidator {

    private static final java.util.regex.Pattern STEP_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> KINDS = Set.of("send", "wait", "condition", "split", "exit");

    private JourneyValidator() {
    }

    /**
     * @param journeyCampaign whether a campaign id names a campaign with schedule {@code journey}
     */
    static List<JourneyStep> check(JourneyInput in, LongPredicate journeyCampaign, SegmentCheck segments) {
        List<FieldError> errors = new ArrayList<>();
        String unknownSegment = segments.problem(in.entrySegmentId() == null ? null : in.entrySegmentId().strip());
        if (unknownSegment != null) {
            errors.add(new FieldError("entrySegmentId", unknownSegment));
        }
        if (blank(in.name())) {
            errors.add(new FieldError("name", "required"));
        }
        if (blank(in.entryEvent())) {
            errors.add(new FieldError("entryEvent", "the event that makes a user enter is required"));
        }
        List<JourneyInput.Step> steps = in.steps() == null ? List.of() : in.steps();
        if (steps.isEmpty()) {
            errors.add(new FieldError("steps", "at least one step is required"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            JourneyInput.Step s = steps.get(i);
            if (s == null || blank(s.id())) {
                errors.add(new FieldError("steps[" + i + "].id", "required"));
            } else if (!STEP_ID.matcher(s.id().trim()).matches()) {
                errors.add(new FieldError("steps[" + i + "].id", "expected letters, digits, '-' or '_', found '"
                        + s.id() + "'"));
            } else if (!ids.add(s.id().trim())) {
                errors.add(new FieldError("steps[" + i + "].id", "'" + s.id() + "' is used twice"));
            }
        }
        List<JourneyStep> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JourneyInput.Step s = steps.get(i);
            if (s == null) {
                continue;
            }
            String at = "steps[" + i + "].";
            String kind = s.type() == null ? "" : s.type().trim();
            if (!KINDS.contains(kind)) {
                errors.add(new FieldError(at + "type", "expected send, wait, condition, split or exit, found '"
                        + s.type() + "'"));
                continue;
            }
            Long seconds = null;
            List<JourneyInput.Branch> branches = List.of();
            switch (kind) {
                case "send" -> {
                    if (s.campaignId() == null || !journeyCampaign.test(s.campaignId())) {
                        errors.add(new FieldError(at + "campaignId", "expected a campaign with schedule 'journey',"
                                + " found " + s.campaignId()));
                    }
                    target(s.next(), ids, at + "next", errors);
                }
                case "wait" -> {
                    seconds = duration(s.duration(), at + "duration", errors);
                    target(s.next(), ids, at + "next", errors);
                }
                case "condition" -> {
                    if (blank(s.event())) {
                        errors.add(new FieldError(at + "event", "the event to wait for is required"));
                    }
                    seconds = duration(s.within(), at + "within", errors);
                    target(s.yes(), ids, at + "yes", errors);
                    target(s.no(), ids, at + "no", errors);
                }
                case "split" -> {
                    branches = s.branches() == null ? List.of() : s.branches();
                    double total = 0;
                    for (int b = 0; b < branches.size(); b++) {
                        JourneyInput.Branch branch = branches.get(b);
                        if (branch == null || !(branch.percent() > 0)) {
                            errors.add(new FieldError(at + "branches[" + b + "].percent", "expected above 0"));
                            continue;
                        }
                        total += branch.percent();
                        target(branch.next(), ids, at + "branches[" + b + "].next", errors);
                    }
                    if (branches.size() < 2 || Math.abs(total - 100) > 1e-6) {
                        errors.add(new FieldError(at + "branches", "expected two or more branches whose percents"
                                + " add up to 100, found " + branches.size() + " adding up to " + total));
                    }
                }
                default -> {
                }
            }
            out.add(new JourneyStep(s.id() == null ? "" : s.id().trim(), kind,
                    "send".equals(kind) ? s.campaignId() : null, seconds, trimmed(s.event()), trimmed(s.next()),
                    trimmed(s.yes()), trimmed(s.no()), branches.stream().filter(java.util.Objects::nonNull)
                    .map(b -> new JourneyInput.Branch(b.percent(), trimmed(b.next()))).toList()));
        }
        if (errors.isEmpty()) {
            cycle(out).ifPresent(step -> errors.add(new FieldError("steps", "step '" + step
                    + "' can lead back to itself: journeys go forward only")));
        }
        if (!errors.isEmpty()) {
            throw OperationException.invalid(errors);
        }
        return out;
    }

    private static java.util.Optional<String> cycle(List<JourneyStep> steps) {
        Map<String, JourneyStep> byId = new HashMap<>();
        steps.forEach(s -> byId.put(s.id(), s));
        Map<String, Integer> state = new HashMap<>();  // 1 visiting, 2 done
        for (JourneyStep s : steps) {
            String found = visit(s.id(), byId, state);
            if (found != null) {
                return java.util.Optional.of(found);
            }
        }
        return java.util.Optional.empty();
    }

    private static String visit(String id, Map<String, JourneyStep> byId, Map<String, Integer> state) {
        Integer seen = state.get(id);
        if (seen != null) {
            return seen == 1 ? id : null;
        }
        state.put(id, 1);
        for (String next : byId.get(id).targets()) {
            String found = visit(next, byId, state);
            if (found != null) {
                return found;
            }
        }
        state.put(id, 2);
        return null;
    }

    private static void target(String step, Set<String> ids, String field, List<FieldError> errors) {
        if (blank(step) || !ids.contains(step.trim())) {
            errors.add(new FieldError(field, "expected the id of a step of this journey, found "
                    + (step == null ? "nothing" : "'" + step + "'")));
        }
    }

    private static Long duration(String text, String field, List<FieldError> errors) {
        try {
            Duration d = Duration.parse(text == null ? "" : text.trim());
            if (d.isNegative() || d.isZero()) {
                errors.add(new FieldError(field, "expected a positive duration, found " + text));
                return null;
            }
            return d.getSeconds();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "expected an ISO duration such as P2D or PT6H, found "
                    + (text == null ? "nothing" : "'" + text + "'")));
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
