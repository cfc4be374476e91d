package dev.operon.plugins.marketing.dryrun;

import dev.operon.plugins.marketing.MarketingConfig;
import dev.operon.plugins.marketing.audience.SegmentAudience;
import dev.operon.plugins.marketing.audience.SegmentCheck;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.plugins.marketing.campaigns.Variant;
import dev.operon.plugins.marketing.experiments.Assigner;
import dev.operon.plugins.marketing.experiments.Experiments;
import dev.operon.plugins.marketing.experiments.Tally;
import dev.operon.plugins.marketing.sending.Dispatcher;
import dev.operon.plugins.marketing.sending.Guardrails;
import dev.operon.plugins.marketing.sending.Sender;
import dev.operon.plugins.marketing.sending.TemplateRecommendations;
import dev.operon.plugins.marketing.uplift.UpliftTargeting;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.model.ModelUnavailableException;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.recommend.Recommendations;
import jakarta.validation.constraints.Positive;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a campaign would do at its next send time (its scheduled run, its one-off {@code sendAt} or the next time its
 * cron fires; now when that has passed or it is triggered), without sending or writing anything: audience size (the
 * segment's members today), who the guardrails would drop and why at that time (quiet hours, frequency caps, budget),
 * overlap with other active campaigns, expected sends per hour over the day from then, and a rendered preview for a
 * sample user.
 */
public final class DryRun {

    private static final int CHUNK = 5_000;
    /** Above this audience size profiles are streamed in one pass instead of read one by one. */
    private static final int STREAM_ABOVE = 500;

    /**
     * @param id              the campaign
     * @param sampleProfileId the user to render the preview for; default the first one the campaign would send to
     */
    public record Input(@Positive long id, Long sampleProfileId) {
    }

    /** Another active campaign sharing users with this one. */
    public record Overlap(long campaignId, String name, long sharedUsers) {
    }

    /** The message one user would get. */
    public record Preview(long profileId, String variant, String recipient, String subject, String text, String html,
                          Map<String, String> headers, String error) {
    }

    /** Sends expected in one hour from now. */
    public record HourlySends(Instant hour, long sends) {
    }

    /**
     * @param sendsAt  the time simulated: the campaign's next send time, or now
     * @param warnings what the operator should know before sending (a segment that no longer exists), possibly none
     */
    public record Output(long campaignId, Instant sendsAt, long audience, long holdout, long eligible, long droppedNoProfile,
                         long droppedNoUplift, long droppedConsent, long droppedUnsubscribed, long droppedNoAddress, long droppedBudget,
                         long deferredQuietHours, List<Overlap> overlap, List<HourlySends> expectedSendsPerHour,
                         Preview preview, double seconds, List<String> warnings) {
    }

    private final Sender sender;

    public DryRun(Sender sender) {
        this.sender = sender;
    }

    public Output run(PluginScope s, Input in) throws SQLException {
        long started = System.nanoTime();
        Campaign k;
        List<Campaign> others = new ArrayList<>();
        try (Connection c = s.data().dataSource().getConnection()) {
            k = CampaignStore.get(c, in.id(), false).orElseThrow(() -> OperationException.notFound("no campaign " + in.id()));
            for (Campaign o : CampaignStore.list(c)) {
                if (o.id() != k.id() && o.segmentId() != null && List.of("approved", "scheduled").contains(o.status())) {
                    others.add(o);
                }
            }
        }
        if (k.segmentId() == null) {
            throw new OperationException(409, "campaign " + k.id() + " has no segment: its audience is whoever"
                    + " triggers it, which cannot be known in advance");
        }
        Set<String> segments = new HashSet<>();
        segments.add(k.segmentId());
        others.forEach(o -> segments.add(o.segmentId()));
        Map<String, Set<Long>> members = SegmentAudience.members(s.events(), segments);
        Set<Long> audience = members.get(k.segmentId());
        long droppedNoUplift = 0;
        Set<Long> targeted = audience;
        if (k.upliftTargeted()) {
            try {
                UpliftTargeting.Result result = UpliftTargeting.persuadable(s, audience);
                targeted = result.kept();
                droppedNoUplift = result.dropped();
            } catch (ModelUnavailableException e) {
                throw new OperationException(409, e.getMessage());
            }
        }
        Map<String, Tally> results = "thompson".equals(k.allocation()) ? Experiments.tallies(s, k) : Map.of();
        Assigner assigner = new Assigner(k, "dry-run", results);
        Instant at = sendsAt(k, Instant.now());
        Guardrails guard = new Guardrails(s, k, at);

        List<Long> treated = new ArrayList<>();
        long holdout = 0;
        for (long p : targeted) {
            if (Assigner.HOLDOUT.equals(assigner.assign(p))) {
                holdout++;
            } else {
                treated.add(p);
            }
        }
        treated.sort(null);
        Map<Long, Profile> profiles = profiles(s, treated);
        Set<Long> suppressed = new HashSet<>();
        Map<Long, Integer> contacts = new HashMap<>();
        try (Connection c = s.data().dataSource().getConnection()) {
            for (int from = 0; from < treated.size(); from += CHUNK) {
                List<Long> chunk = treated.subList(from, Math.min(treated.size(), from + CHUNK));
                suppressed.addAll(guard.suppressed(c, chunk));
                contacts.putAll(Guardrails.contacts(c, chunk, at.minus(MarketingConfig.contactWindow(s.config()))));
            }
        }
        long[] dropped = new long[6];
        long eligible = 0;
        Map<Instant, Long> deferredByHour = new HashMap<>();
        Long firstEligible = null;
        for (long p : treated) {
            Guardrails.Decision d = guard.check(profiles.get(p), suppressed.contains(p), true,
                    contacts.getOrDefault(p, 0));
            switch (d.kind()) {
                case SEND -> {
                    eligible++;
                    if (firstEligible == null) {
                        firstEligible = p;
                    }
                }
                case DEFER -> {
                    dropped[5]++;
                    deferredByHour.merge(d.dueAt().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
                }
                case SKIP -> dropped[switch (d.reason()) {
                    case "no profile" -> 0;
                    case "consent" -> 1;
                    case "unsubscribed" -> 2;
                    case "no address" -> 3;
                    default -> 4;
                }]++;
            }
        }
        List<Overlap> overlap = new ArrayList<>();
        for (Campaign o : others) {
            Set<Long> theirs = members.getOrDefault(o.segmentId(), Set.of());
            long shared = audience.stream().filter(theirs::contains).count();
            if (shared > 0) {
                overlap.add(new Overlap(o.id(), o.name(), shared));
            }
        }
        long sample = in.sampleProfileId() != null ? in.sampleProfileId()
                : firstEligible != null ? firstEligible : treated.isEmpty() ? -1 : treated.get(0);
        Preview preview = sample < 0 ? null : preview(s, k, sample, assigner, guard);
        return new Output(k.id(), at, audience.size(), holdout, eligible, dropped[0], droppedNoUplift, dropped[1],
                dropped[2], dropped[3],
                dropped[4], dropped[5], overlap, hourly(at, eligible, MarketingConfig.rateLimit(s.config(), k.channel()),
                deferredByHour), preview, (System.nanoTime() - started) / 1e9, warnings(s, k, audience.isEmpty()));
    }

    /**
     * A segment deleted since the campaign was saved reaches nobody (its members exited with it): say so rather than
     * show a bare 0. (An id the segments' plugin does not know but that has members is an audience another tool sends
     * in: no warning.)
     */
    private static List<String> warnings(PluginScope s, Campaign k, boolean nobody) {
        SegmentCheck check = SegmentCheck.of(s);
        if (!nobody || check.known(k.segmentId())) {
            return List.of();
        }
        return List.of("the campaign's segment is gone: " + check.unknown(k.segmentId()) + "; nobody would get it");
    }

    /** The campaign's next send time when it is later than {@code now}, else {@code now}. */
    static Instant sendsAt(Campaign k, Instant now) {
        Instant next = k.nextRunAt() != null ? k.nextRunAt()
                : "once".equals(k.schedule()) ? k.sendAt()
                : "cron".equals(k.schedule()) && k.cron() != null ? Dispatcher.nextFire(k.cron(), now)
                : null;
        return next != null && next.isAfter(now) ? next : now;
    }

    private static Map<Long, Profile> profiles(PluginScope s, List<Long> ids) {
        Map<Long, Profile> out = new HashMap<>();
        if (ids.size() > STREAM_ABOVE) {
            Set<Long> wanted = new HashSet<>(ids);
            s.profiles().forEach(ProfileQuery.all(), p -> {
                if (wanted.contains(p.id())) {
                    out.put(p.id(), p);
                }
            });
        } else {
            for (long id : ids) {
                s.profiles().get(id).ifPresent(p -> out.put(id, p));
            }
        }
        return out;
    }

    /** Eligible users go out at the channel's rate from now; deferred ones when their quiet hours end. */
    static List<HourlySends> hourly(Instant now, long eligible, int ratePerSecond, Map<Instant, Long> deferred) {
        Map<Instant, Long> byHour = new LinkedHashMap<>();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        long left = eligible;
        long perHour = ratePerSecond <= 0 ? Long.MAX_VALUE : ratePerSecond * 3600L;
        long firstHour = ratePerSecond <= 0 ? Long.MAX_VALUE
                : ratePerSecond * Duration.between(now, hour.plus(Duration.ofHours(1))).toSeconds();
        for (int h = 0; h < 24; h++) {
            Instant at = hour.plus(Duration.ofHours(h));
            long capacity = h == 0 ? firstHour : perHour;
            long n = Math.min(left, capacity);
            left -= n;
            byHour.put(at, n + deferred.getOrDefault(at, 0L));
        }
        List<HourlySends> out = new ArrayList<>();
        byHour.forEach((at, n) -> out.add(new HourlySends(at, n)));
        return out;
    }

    private Preview preview(PluginScope s, Campaign k, long profileId, Assigner assigner, Guardrails guard) {
        Profile p = s.profiles().get(profileId).orElseThrow(
                () -> OperationException.notFound("no profile " + profileId + " for the preview"));
        String arm = assigner.assign(profileId);
        Variant v = k.variant(arm).orElse(k.variants().get(0));
        String link = sender.unsubscribe(s).link(s.config().require(MarketingConfig.UNSUBSCRIBE_URL), profileId);
        TemplateRecommendations recommendations = new TemplateRecommendations(s.services().find(Recommendations.class), profileId);
        Map<String, Object> values = Sender.values(k, v, p, link, recommendations);
        Map<String, String> headers = new LinkedHashMap<>();
        if ("email".equals(k.channel())) {
            headers.put("List-Unsubscribe", "<" + link + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        Guardrails.Decision d = guard.check(p, false, true, 0);
        try {
            return new Preview(profileId, v.name(), d.recipient(),
                    sender.renderer().render(v.subject(), false, values),
                    sender.renderer().render(v.text(), false, values),
                    "email".equals(k.channel()) ? sender.renderer().render(v.html(), true, values) : null, headers,
                    recommendations.failure().map(e -> "the recommended items were left out: the recommendation"
                            + " service failed: " + e.getMessage()).orElse(null));
        } catch (RuntimeException e) {
            return new Preview(profileId, v.name(), d.recipient(), null, null, null, headers,
                    "the templates do not render for this user: " + e.getMessage());
        }
    }
}
