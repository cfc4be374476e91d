package dev.operon.plugins.recommend.serving;

/**
 * One ranked item.
 *
 * @param item      its index in the served model
 * @param score     the model's score (before boosts)
 * @param relevance the score scaled to [0, 1] among the candidates, plus boosts: what the order follows
 * @param because   the history position that contributed most to it, or -1 (no history or no similarity)
 */
public record Ranked(int item, float score, double relevance, int because) {
}
