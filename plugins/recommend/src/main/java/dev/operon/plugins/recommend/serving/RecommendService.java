package dev.operon.plugins.recommend.serving;

import dev.operon.plugins.recommend.catalog.Catalog;
import dev.operon.plugins.recommend.catalog.CatalogCache;
import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.plugins.recommend.coldstart.PopularLists;
import dev.operon.plugins.recommend.coldstart.Segments;
import dev.operon.plugins.recommend.experiments.Experiment;
import dev.operon.plugins.recommend.experiments.Variant;
import dev.operon.plugins.recommend.feedback.ServedLog;
import dev.operon.plugins.recommend.model.EmbeddingView;
import dev.operon.plugins.recommend.model.IdIndex;
import dev.operon.plugins.recommend.model.ItemSimilarity;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.model.TopItems;
import dev.operon.plugins.recommend.train.EventFeedback;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.model.ModelUnavailableException;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.Profiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Answers {@code recommend}, {@code preview-recommendations} and {@code similar}: resolves the user, reads their
 * history, picks the A/B variant, ranks with the served model (or the popular lists for a cold start) under the
 * request's rules, explains each item, and for {@code recommend} records what was served.
 */
public final class RecommendService {

    /** The model name recorded for lists that come from the popular lists. */
    public static final String POPULAR = "popular";

    private final CatalogCache catalogs;
    private final ServedModels models;
    private final PopularLists popular;

    public RecommendService(CatalogCache catalogs, ServedModels models, PopularLists popular) {
        this.catalogs = catalogs;
        this.models = models;
        this.popular = popular;
    }

    public ServedModels models() {
        return models;
    }

    /**
     * Recommends items to a user.
     *
     * @param record true for {@code recommend} (stored, with an id for feedback), false for a preview
     */
    public Recommendations recommend(OperationContext c, RecommendInput in, boolean record) throws Exception {
        return recommend(c, in, record, resolve(c.profiles(), in.user().strip()).orElse(null));
    }

    /**
     * Recommends items to a profile already resolved (the SDK service asks by profile id, which must not be read
     * as a user id), recording nothing.
     */
    public Recommendations preview(OperationContext c, Profile profile, RecommendInput in) throws Exception {
        return recommend(c, in, false, profile);
    }

    /** The catalogue's entry for an item, or null (as served: at most {@code catalogue-refresh-seconds} old). */
    public Item item(OperationContext c, String itemId) throws Exception {
        return catalogs.get(c.data(), c.config().getInt(ServingConfig.CATALOGUE_REFRESH_SECONDS) * 1000L)
                .get(itemId);
    }

    private Recommendations recommend(OperationContext c, RecommendInput in, boolean record, Profile profile)
            throws Exception {
        PluginConfig config = c.config();
        models.settings(ServingConfig.modelSettings(config));
        Catalog catalog = catalogs.get(c.data(), config.getInt(ServingConfig.CATALOGUE_REFRESH_SECONDS) * 1000L);
        String userKey = profile != null ? EventFeedback.profileKey(profile.id()) : "u:" + in.user().strip();
        boolean personal = profile != null && profile.consent().allows(Consent.PERSONALIZATION);
        History history = personal ? History.of(c.events(), config, profile.id(), config.getInt(
                ServingConfig.HISTORY_LIMIT)) : History.NONE;
        String contextItem = text(in.context().get("item"));
        history = history.plus(contextItem, "are viewing");
        String segment = text(in.context().get("segment"));
        if (segment == null) {
            segment = Segments.of(profile, config);
        }
        Experiment experiment;
        List<Boost> boosts;
        try {
            experiment = Experiment.fromConfig(config);
            boosts = in.boosts() != null ? in.boosts() : Boost.parseSetting(config.require(ServingConfig.BOOSTS));
        } catch (IllegalArgumentException e) {
            throw new OperationException(503, "the recommend plugin's settings are wrong: " + e.getMessage());
        }
        Variant variant = experiment == null ? Variant.DEFAULT : experiment.assign(userKey);
        int cap = in.maxPerCategory() != null ? in.maxPerCategory() : variant.maxPerCategory() != null
                ? variant.maxPerCategory() : config.getInt(ServingConfig.MAX_PER_CATEGORY);
        double diversity = in.diversity() != null ? in.diversity() : variant.diversity() != null
                ? variant.diversity() : config.getDouble(ServingConfig.DIVERSITY);
        boolean excludeSeen = in.excludeSeen() != null ? in.excludeSeen()
                : config.getBoolean(ServingConfig.EXCLUDE_SEEN);
        Set<String> excluded = new HashSet<>(in.exclude());
        if (excludeSeen) {
            excluded.addAll(history.items());
        }
        if (contextItem != null) {
            excluded.add(contextItem);
        }
        Set<String> only = Set.copyOf(in.categories());
        Set<String> notThese = Set.copyOf(in.excludeCategories());

        Optional<ServedModel> served = variant.holdout() ? Optional.empty() : served(c, variant.target());
        Answer answer = null;
        if (served.isPresent()) {
            answer = personalised(served.get(), catalog, history, userKey, excluded, only, notThese, boosts, cap,
                    diversity, in.count());
        }
        if (answer == null) {
            // the holdout's fallback (no popular lists yet) is the popularity model, never a personalised one
            Optional<ServedModel> fallback = variant.holdout() ? served(c, ModelKind.POPULARITY.typeId()) : served;
            answer = coldStart(c, fallback, catalog, segment, excluded, only, notThese, boosts, cap, in.count());
        }
        String id = null;
        if (record) {
            UUID uuid = UUID.randomUUID();
            id = uuid.toString();
            ServedLog.Served row = new ServedLog.Served(uuid, profile == null ? null : profile.id(), userKey,
                    answer.model, variant.name(), answer.items.stream().map(Recommendations.Recommended::itemId)
                    .toList(), answer.coldStart, Instant.now());
            new ServedLog(c.data()).record(row, experiment == null ? null : experiment.name());
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("recommendationId", id);
            audit.put("model", answer.model);
            audit.put("variant", variant.name());
            audit.put("coldStart", answer.coldStart);
            audit.put("items", row.items());
            c.audit(null, audit);
        }
        return new Recommendations(id, in.user(), profile == null ? null : profile.id(), answer.model, variant.name(),
                answer.coldStart, answer.segment, answer.items);
    }

    private record Answer(String model, boolean coldStart, String segment, List<Recommendations.Recommended> items) {
    }

    private Answer personalised(ServedModel model, Catalog catalog, History history, String userKey,
                                Set<String> excluded, Set<String> only, Set<String> notThese, List<Boost> boosts,
                                int cap, double diversity, int n) {
        Recommender recommender = model.recommender();
        IdIndex items = recommender.items();
        int user = recommender.users().indexOf(userKey);
        int[] known = new int[history.items().size()];
        String[] verbs = new String[known.length];
        int size = 0;
        for (int i = 0; i < known.length; i++) {
            int index = items.indexOf(history.items().get(i));
            if (index >= 0) {
                known[size] = index;
                verbs[size++] = history.verbs().get(i);
            }
        }
        if (user < 0 && size == 0) {
            return null;
        }
        int[] historyIndexes = java.util.Arrays.copyOf(known, size);
        String[] historyVerbs = java.util.Arrays.copyOf(verbs, size);
        int[] excludedIndexes = excluded.stream().mapToInt(items::indexOf).filter(i -> i >= 0).toArray();
        RankRequest request = new RankRequest(user, historyIndexes, historyVerbs, n, excludedIndexes, only, notThese,
                boosts, cap, diversity);
        ItemTable table = model.table(catalog);
        List<Ranked> ranked = Ranker.rank(model, table, request);
        List<Recommendations.Recommended> out = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            Item item = table.item(r.item());
            String because = r.because() >= 0 ? items.id(historyIndexes[r.because()]) : null;
            String reason;
            if (because != null) {
                Item cause = catalog.get(because);
                reason = "because you " + historyVerbs[r.because()] + " " + (cause == null ? because : cause.label());
            } else if (recommender.kind() == ModelKind.POPULARITY) {
                reason = "popular with everyone";
            } else {
                reason = "picked for you from what you did";
            }
            out.add(new Recommendations.Recommended(out.size() + 1, items.id(r.item()), item == null ? null
                    : item.title(), item == null ? null : item.category(), r.score(), r.relevance(), reason,
                    because));
        }
        return new Answer(model.label(), false, null, out);
    }

    private Answer coldStart(OperationContext c, Optional<ServedModel> served, Catalog catalog, String segment,
                             Set<String> excluded, Set<String> only, Set<String> notThese, List<Boost> boosts,
                             int cap, int n) throws Exception {
        List<PopularLists.Entry> list = List.of();
        String used = null;
        if (segment != null) {
            list = popular.list(c.data(), segment);
            used = list.isEmpty() ? null : segment;
        }
        if (list.isEmpty()) {
            list = popular.list(c.data(), PopularLists.EVERYONE);
        }
        if (list.isEmpty() && served.isPresent()) {
            // no popular lists yet (recommend.popularity-refresh has not run): the model's list for nobody
            ServedModel model = served.get();
            int[] excludedIndexes = excluded.stream().mapToInt(model.recommender().items()::indexOf)
                    .filter(i -> i >= 0).toArray();
            RankRequest request = new RankRequest(-1, new int[0], new String[0], n, excludedIndexes, only, notThese,
                    boosts, cap, 0);
            ItemTable table = model.table(catalog);
            List<Recommendations.Recommended> out = new ArrayList<>();
            for (Ranked r : Ranker.rank(model, table, request)) {
                Item item = table.item(r.item());
                out.add(new Recommendations.Recommended(out.size() + 1, model.recommender().items().id(r.item()),
                        item == null ? null : item.title(), item == null ? null : item.category(), r.score(),
                        r.relevance(), "popular with everyone", null));
            }
            return new Answer(model.label(), true, null, out);
        }
        String reason = used != null ? "popular in " + used : "popular right now";
        List<Recommendations.Recommended> out = new ArrayList<>();
        for (ColdStart.Pick p : ColdStart.rank(list, catalog, excluded, only, notThese, boosts, cap, n)) {
            out.add(new Recommendations.Recommended(out.size() + 1, p.entry().itemId(), p.item() == null ? null
                    : p.item().title(), p.item() == null ? null : p.item().category(), p.entry().score(),
                    p.relevance(), reason, null));
        }
        return new Answer(POPULAR, true, used, out);
    }

    /** Items like one item, by the champion's similarity, or the first kind with a champion that has one. */
    public Recommendations similar(OperationContext c, SimilarInput in) throws Exception {
        PluginConfig config = c.config();
        models.settings(ServingConfig.modelSettings(config));
        Catalog catalog = catalogs.get(c.data(), config.getInt(ServingConfig.CATALOGUE_REFRESH_SECONDS) * 1000L);
        ServedModel model = similarityModel(c).orElseThrow(() -> new OperationException(503,
                "no trained model with item similarity yet: run recommend.train"));
        Recommender recommender = model.recommender();
        int item = recommender.items().indexOf(in.item().strip());
        if (item < 0) {
            throw OperationException.notFound("item '" + in.item() + "' is unknown to " + model.label());
        }
        int count = recommender.items().size();
        float[] row = new float[count];
        Optional<ItemSimilarity> similarity = recommender.similarity();
        if (similarity.isPresent()) {
            similarity.get().similar(item, row);
        } else {
            cosine(recommender.embeddings().orElseThrow(), item, row);
        }
        ItemTable table = model.table(catalog);
        Set<Integer> excluded = new HashSet<>();
        excluded.add(item);
        in.exclude().forEach(id -> excluded.add(recommender.items().indexOf(id)));
        Set<String> only = Set.copyOf(in.categories());
        // a similarity of 0 or less is no evidence of likeness: fewer items rather than unrelated ones
        int[] top = TopItems.top(row, count, in.count(), i -> table.recommendable(i) && !excluded.contains(i)
                && Float.isFinite(row[i]) && row[i] > 0 && (only.isEmpty() || (table.item(i) != null
                && only.contains(table.item(i).category()))));
        Item source = catalog.get(in.item().strip());
        String reason = "similar to " + (source == null ? in.item().strip() : source.label());
        List<Recommendations.Recommended> out = new ArrayList<>();
        float max = top.length == 0 ? 0 : row[top[0]];
        for (int i : top) {
            Item it = table.item(i);
            out.add(new Recommendations.Recommended(out.size() + 1, recommender.items().id(i), it == null ? null
                    : it.title(), it == null ? null : it.category(), row[i], max > 0 ? row[i] / max : 1, reason,
                    in.item().strip()));
        }
        return new Recommendations(null, null, null, model.label(), Variant.DEFAULT.name(), false, null, out);
    }

    private Optional<ServedModel> similarityModel(OperationContext c) {
        Optional<ServedModel> champion = served(c, ServedModels.CHAMPION);
        if (champion.isPresent() && hasSimilarity(champion.get().recommender())) {
            return champion;
        }
        for (ModelKind kind : List.of(ModelKind.ITEM_KNN, ModelKind.EASE, ModelKind.EDLAE, ModelKind.RP3BETA,
                ModelKind.BLEND, ModelKind.BPR, ModelKind.SASREC)) {
            if (c.models().champion(kind.typeId()).isPresent()) {
                Optional<ServedModel> served = served(c, kind.typeId());
                if (served.isPresent() && hasSimilarity(served.get().recommender())) {
                    return served;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean hasSimilarity(Recommender r) {
        return r.similarity().isPresent() || r.embeddings().isPresent();
    }

    private static void cosine(EmbeddingView view, int item, float[] out) {
        float[] v = view.itemVectors();
        int d = view.dimension();
        double self = Math.sqrt(selfDot(v, item, d));
        for (int i = 0; i < out.length; i++) {
            double norm = Math.sqrt(selfDot(v, i, d));
            double dot = 0;
            for (int k = 0; k < d; k++) {
                dot += (double) v[item * d + k] * v[i * d + k];
            }
            out[i] = self == 0 || norm == 0 ? 0 : (float) (dot / (self * norm));
        }
    }

    private static double selfDot(float[] v, int item, int d) {
        double sum = 0;
        for (int k = 0; k < d; k++) {
            sum += (double) v[item * d + k] * v[item * d + k];
        }
        return sum;
    }

    private Optional<ServedModel> served(OperationContext c, String target) {
        try {
            return models.get(c.models(), target);
        } catch (ModelUnavailableException e) {
            return Optional.empty();
        }
    }

    /** The profile of a user id, an anonymous id, or a profile id. */
    static Optional<Profile> resolve(Profiles profiles, String user) {
        Optional<Profile> found = profiles.resolve(user);
        if (found.isEmpty() && user.matches("\\d{1,18}")) {
            found = profiles.get(Long.parseLong(user));
        }
        return found;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
