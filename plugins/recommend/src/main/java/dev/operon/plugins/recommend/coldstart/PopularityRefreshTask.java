package dev.operon.plugins.recommend.coldstart;

import dev.operon.plugins.recommend.serving.ServingConfig;
import dev.operon.plugins.recommend.train.EventFeedback;
import dev.operon.plugins.recommend.train.EventWeights;
import dev.operon.plugins.recommend.train.RecommendConfig;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code recommend.popularity-refresh}: the popular (trending, with a half-life) items of the last days, for
 * everybody and per segment, from the same weighted events training reads. Cold start serves these lists. Events
 * of profiles that do not allow analytics are left out.
 */
public final class PopularityRefreshTask implements TaskType<PopularityRefreshTask.Input, PopularityRefreshTask.Output> {

    /** Marks a profile whose events are not counted (no analytics consent, or gone). */
    private static final String NOT_COUNTED = new String("not counted");

    private final PopularLists lists;

    public PopularityRefreshTask(PopularLists lists) {
        this.lists = lists;
    }

    /** @param days days of events to read; 0 for the configured {@code trending-days} */
    public record Input(@Min(0) @Max(365) int days) {
    }

    /** What the refresh found. */
    public record Output(long events, int segments, int items) {
    }

    @Override
    public String id() {
        return "recommend.popularity-refresh";
    }

    @Override
    public String title() {
        return "Refresh popular and trending items";
    }

    @Override
    public String description() {
        return "Popular items of the last days for everybody and per segment: what new users are shown.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofMinutes(30));
    }

    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 7 * * * ?");
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        PluginConfig config = context.config();
        Map<String, Double> weights = EventWeights.parse(config.require(RecommendConfig.EVENT_WEIGHTS));
        EventFeedback feedback = new EventFeedback(weights,
                Arrays.stream(config.require(RecommendConfig.ITEM_PROPERTIES).split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList(), Duration.ZERO);
        int days = input.days() == 0 ? config.getInt(ServingConfig.TRENDING_DAYS) : input.days();
        double halfLifeDays = config.getDouble(ServingConfig.TRENDING_HALF_LIFE_DAYS);
        int keep = config.getInt(ServingConfig.POPULAR_PER_SEGMENT);
        Instant now = Instant.now();
        Map<Long, String> segmentOf = new HashMap<>();
        Map<String, Map<String, Double>> scores = new HashMap<>();
        long[] read = {0};
        context.progress(5, "reading " + days + " days of events");
        EventQuery query = EventQuery.all().ofTypes("track").named(weights.keySet().toArray(String[]::new))
                .between(now.minus(Duration.ofDays(days)), now);
        context.events().forEach(query, event -> {
            String item = feedback.itemOf(event);
            if (item == null) {
                return;
            }
            String segment = PopularLists.EVERYONE;
            if (event.profileId() != null) {
                segment = segmentOf.computeIfAbsent(event.profileId(), id -> {
                    Optional<Profile> profile = context.profiles().get(id);
                    if (profile.isEmpty() || !profile.get().consent().allows(Consent.ANALYTICS)) {
                        return NOT_COUNTED;
                    }
                    String named = Segments.of(profile.get(), config);
                    return named == null ? PopularLists.EVERYONE : named;
                });
                if (segment == NOT_COUNTED) {
                    return;
                }
            }
            double ageDays = Math.max(0, now.toEpochMilli() - event.timestamp().toEpochMilli()) / 86_400_000.0;
            double weight = weights.get(event.name()) * (halfLifeDays > 0 ? Math.pow(0.5, ageDays / halfLifeDays) : 1);
            scores.computeIfAbsent(PopularLists.EVERYONE, k -> new HashMap<>()).merge(item, weight, Double::sum);
            if (!segment.isEmpty()) {
                scores.computeIfAbsent(segment, k -> new HashMap<>()).merge(item, weight, Double::sum);
            }
            read[0]++;
        });
        context.checkCancelled();
        Map<String, List<PopularLists.Entry>> top = new HashMap<>();
        int items = 0;
        for (Map.Entry<String, Map<String, Double>> segment : scores.entrySet()) {
            List<PopularLists.Entry> list = new ArrayList<>();
            segment.getValue().forEach((item, score) -> list.add(new PopularLists.Entry(item, score)));
            list.sort(Comparator.comparingDouble(PopularLists.Entry::score).reversed()
                    .thenComparing(PopularLists.Entry::itemId));
            List<PopularLists.Entry> kept = List.copyOf(list.subList(0, Math.min(keep, list.size())));
            top.put(segment.getKey(), kept);
            items += kept.size();
        }
        context.progress(80, "writing " + top.size() + " lists");
        PopularLists.write(context.data(), top, now);
        lists.invalidate();
        context.log().info("popular lists: " + read[0] + " events, " + top.size() + " segments (everybody"
                + " included), " + items + " entries");
        return new Output(read[0], top.size(), items);
    }
}
