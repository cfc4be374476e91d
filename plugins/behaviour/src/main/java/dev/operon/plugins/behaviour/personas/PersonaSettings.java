package dev.operon.plugins.behaviour.personas;

import dev.operon.sdk.config.PluginConfig;

/**
 * How personas are trained, from the plugin's configuration.
 *
 * @param k            personas wanted; 0 chooses by silhouette between 2 and {@code maxK}
 * @param maxK         largest k tried
 * @param embedding    size of the user embedding
 * @param epochs       training epochs
 * @param vocabulary   most frequent event names read (the rest count as "other")
 * @param lookbackDays days of events learnt from
 * @param seed         seed of weights, shuffling and k-means++
 */
public record PersonaSettings(int k, int maxK, int embedding, int epochs, int vocabulary, int lookbackDays,
                              long seed) {

    public static final String K = "persona-k";
    public static final String MAX_K = "persona-max-k";
    public static final String EMBEDDING = "persona-embedding-size";
    public static final String EPOCHS = "persona-epochs";
    public static final String VOCABULARY = "persona-vocabulary";
    public static final String LOOKBACK_DAYS = "persona-lookback-days";
    public static final String SEED = "persona-seed";

    public static PersonaSettings from(PluginConfig config) {
        return new PersonaSettings(config.getInt(K), config.getInt(MAX_K), config.getInt(EMBEDDING),
                config.getInt(EPOCHS), config.getInt(VOCABULARY), config.getInt(LOOKBACK_DAYS),
                Long.parseLong(config.require(SEED).trim()));
    }
}
