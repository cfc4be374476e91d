package dev.operon.plugins.recommend.model;

import java.util.List;

/**
 * What a prediction with a recommender model type takes.
 *
 * @param user      the user's id as the model knows it (may be null or unknown: then only the history counts)
 * @param history   the user's item ids, oldest first (unknown ids are ignored); may be null
 * @param similarTo when set, score items by similarity to this item id instead of for the user
 */
public record RecommenderQuery(String user, List<String> history, String similarTo) {

    public RecommenderQuery {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static RecommenderQuery forUser(String user, List<String> history) {
        return new RecommenderQuery(user, history, null);
    }

    public static RecommenderQuery similarTo(String item) {
        return new RecommenderQuery(null, List.of(), item);
    }
}
