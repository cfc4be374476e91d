package dev.operon.plugins.marketing.campaigns;

import dev.operon.plugins.marketing.audience.SegmentCheck;
import dev.operon.plugins.marketing.sending.MessageRenderer;
import dev.operon.sdk.operation.OperationException.FieldError;
import dev.operon.sdk.operation.OperationException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quartz.CronExpression;

/** Checks a {@link CampaignInput} completely and reports every problem at once (a 422 naming each field). */
final class CampaignValidator {

    static final Set<String> CHANNELS = Set.of("email", "webhook", "inapp");
    static final String HOLDOUT = "holdout";
    /** How far in the past a one-off send time may be (the time it took to fill in the form), not more. */
    static final Duration PAST_SEND_AT_GRACE = Duration.ofMinutes(5);

    /** The values of {@code target}. */
    static final List<String> TARGETS = List.of("all", Campaign.POSITIVE_UPLIFT);

    private final MessageRenderer renderer;

    CampaignValidator(MessageRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * An operator's campaign: a one-off send time must not be in the past, and the segment must be one that
     * {@code segments} knows.
     */
    CampaignSpec validate(CampaignInput in, SegmentCheck segments) {
        return validate(in, false, Instant.now(), segments);
    }

    /**
     * @param segmentPending the segment is named but not known yet (a demo draft written before the behaviour
     *                       plugin's first refresh): a missing segment id is not an error then
     * @param now            the time a one-off {@code sendAt} must not lie before (less a grace), or null for drafts
     *                       written on the demo's own clock
     * @param segments       which segment ids name a segment ({@link SegmentCheck#NONE}: any)
     */
    CampaignSpec validate(CampaignInput in, boolean segmentPending, Instant now, SegmentCheck segments) {
        List<FieldError> errors = new ArrayList<>();
        if (!CHANNELS.contains(in.channel())) {
            errors.add(new FieldError("channel", "expected one of email, webhook, inapp, found " + quote(in.channel())));
        }
        String mode = in.audienceMode() == null ? "snapshot" : in.audienceMode();
        if (!Set.of("snapshot", "live").contains(mode)) {
            errors.add(new FieldError("audienceMode", "expected snapshot or live, found " + quote(mode)));
        }
        String segment = blankToNull(in.segmentId());
        long delay = 0;
        switch (in.schedule()) {
            case "once" -> {
                if (in.sendAt() == null) {
                    errors.add(new FieldError("sendAt", "a one-off campaign needs the time to send at"));
                } else if (now != null && in.sendAt().isBefore(now.minus(PAST_SEND_AT_GRACE))) {
                    errors.add(new FieldError("sendAt", in.sendAt() + " is in the past: give the time to send at"
                            + " (now, to send as soon as it is approved and scheduled)"));
                }
            }
            case "cron" -> {
                if (in.cron() == null || !CronExpression.isValidExpression(in.cron())) {
                    errors.add(new FieldError("cron", "expected a Quartz cron expression such as \"0 0 9 ? * MON\","
                            + " found " + quote(in.cron())));
                }
            }
            case "trigger" -> {
                if (blankToNull(in.triggerEvent()) == null) {
                    errors.add(new FieldError("triggerEvent", "a triggered campaign needs the event name"));
                }
                delay = duration(in.triggerDelay(), "triggerDelay", 0, errors);
            }
            case "incident" -> delay = duration(in.triggerDelay(), "triggerDelay", 0, errors);
            case "journey" -> {
                // content only: journeys plan its messages
            }
            default -> errors.add(new FieldError("schedule", "expected once, cron, trigger, incident or journey, found "
                    + quote(in.schedule())));
        }
        if (segment == null && !segmentPending && !"trigger".equals(in.schedule()) && !"journey".equals(in.schedule())) {
            errors.add(new FieldError("segmentId", "the audience segment is required unless the campaign is triggered"
                    + " or sent by journeys"));
        }
        String unknownSegment = segments.problem(segment);
        if (unknownSegment != null) {
            errors.add(new FieldError("segmentId", unknownSegment));
        }
        if ("webhook".equals(in.channel())) {
            if (!isHttpUrl(in.webhookUrl())) {
                errors.add(new FieldError("webhookUrl", "expected an http or https URL, found " + quote(in.webhookUrl())));
            }
        }
        double holdout = in.holdoutPercent() == null ? 0 : in.holdoutPercent();
        if (!(holdout >= 0 && holdout <= 50)) {
            errors.add(new FieldError("holdoutPercent", "expected 0 to 50, found " + holdout));
        }
        String allocation = in.allocation() == null ? "fixed" : in.allocation();
        if (!Set.of("fixed", "thompson").contains(allocation)) {
            errors.add(new FieldError("allocation", "expected fixed or thompson, found " + quote(allocation)));
        }
        String goal = blankToNull(in.goalEvent());
        boolean autoWinner = Boolean.TRUE.equals(in.autoWinner());
        if (goal == null && ("thompson".equals(allocation) || autoWinner)) {
            errors.add(new FieldError("goalEvent", "Thompson allocation and an automatic winner need a goal event"));
        }
        long goalWindow = duration(in.goalWindow(), "goalWindow", Duration.ofDays(7).toSeconds(), errors);
        String target = in.target() == null || in.target().isBlank() ? "all" : in.target().strip();
        if (!TARGETS.contains(target)) {
            errors.add(new FieldError("target", "expected all or positive-uplift, found " + quote(target)));
        } else if (Campaign.POSITIVE_UPLIFT.equals(target) && segment == null && !"journey".equals(in.schedule())) {
            errors.add(new FieldError("target", "positive-uplift narrows a segment's audience: it needs a segmentId"
                    + " (or schedule journey: the journeys' send steps then score each user)"));
        }
        List<Variant> variants = variants(in, errors);
        if (!errors.isEmpty()) {
            throw OperationException.invalid(errors);
        }
        return new CampaignSpec(in.name().trim(), in.channel(), segment, mode, in.schedule(), in.sendAt(),
                in.cron(), blankToNull(in.triggerEvent()), delay, in.webhookUrl(), variants, holdout, allocation,
                goal, goalWindow, autoWinner, target);
    }

    /** The problem with a new target for an existing campaign, or null when it may take it. */
    static String targetProblem(Campaign k, String target) {
        if (!TARGETS.contains(target)) {
            return "expected all or positive-uplift, found " + quote(target);
        }
        if (Campaign.POSITIVE_UPLIFT.equals(target) && k.segmentId() == null && !"journey".equals(k.schedule())) {
            return "positive-uplift narrows a segment's audience: campaign " + k.id() + " has no segment";
        }
        return null;
    }

    private List<Variant> variants(CampaignInput in, List<FieldError> errors) {
        List<Variant> out = new ArrayList<>();
        if (in.variants() == null || in.variants().isEmpty()) {
            errors.add(new FieldError("variants", "at least one variant (the message) is required"));
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < in.variants().size(); i++) {
            CampaignInput.VariantInput v = in.variants().get(i);
            String at = "variants[" + i + "]";
            if (v == null) {
                errors.add(new FieldError(at, "expected a variant, found null"));
                continue;
            }
            String name = v.name() == null ? "" : v.name().trim();
            if (HOLDOUT.equals(name)) {
                errors.add(new FieldError(at + ".name", "\"holdout\" is reserved for the control group"));
            } else if (!names.add(name)) {
                errors.add(new FieldError(at + ".name", "duplicate variant name " + quote(name)));
            }
            double weight = v.weight() == null ? 1 : v.weight();
            if (!(weight > 0 && weight <= 1000)) {
                errors.add(new FieldError(at + ".weight", "expected more than 0 and at most 1000, found " + weight));
            }
            if (v.text() == null || v.text().isBlank()) {
                errors.add(new FieldError(at + ".text", "the plain-text body is required"));
            } else {
                template(v.text(), false, at + ".text", errors);
            }
            if (!"webhook".equals(in.channel()) && (v.subject() == null || v.subject().isBlank())) {
                errors.add(new FieldError(at + ".subject", "a subject (title) is required for e-mail and in-app"));
            } else if (v.subject() != null) {
                template(v.subject(), false, at + ".subject", errors);
            }
            if (v.html() != null) {
                if (!"email".equals(in.channel())) {
                    errors.add(new FieldError(at + ".html", "only e-mail campaigns have an HTML body"));
                } else {
                    template(v.html(), true, at + ".html", errors);
                }
            }
            out.add(new Variant(name, weight, v.subject() == null ? "" : v.subject(), v.html(), v.text()));
        }
        return out;
    }

    private void template(String source, boolean html, String field, List<FieldError> errors) {
        try {
            renderer.check(source, html);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "not a valid Qute template: " + e.getMessage()));
        }
    }

    private static long duration(String text, String field, long fallback, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative() || d.compareTo(Duration.ofDays(366)) > 0) {
                errors.add(new FieldError(field, "expected 0 to 366 days, found " + text));
                return fallback;
            }
            return d.toSeconds();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "expected an ISO-8601 duration such as PT2H or P7D, found " + quote(text)));
            return fallback;
        }
    }

    private static boolean isHttpUrl(String text) {
        if (text == null) {
            return false;
        }
        try {
            URI uri = URI.create(text.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String quote(Object value) {
        return value == null ? "nothing" : "\"" + value + "\"";
    }
}
