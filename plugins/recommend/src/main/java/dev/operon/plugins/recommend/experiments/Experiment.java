package dev.operon.plugins.recommend.experiments;

import dev.operon.plugins.recommend.serving.ServingConfig;
import dev.operon.sdk.config.PluginConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An A/B split with a holdout, decided by a hash of the experiment name and the user key: the same user always
 * lands in the same variant while the name stays, on every node, with nothing to look up. Buckets 0..9999: the
 * first {@code holdout} percent are held out, the rest split by {@code shareB}.
 *
 * @param name    salts the hash
 * @param a       variant a
 * @param b       variant b
 * @param shareB  percent of the non-holdout users in b
 * @param holdout percent of all users held out
 */
public record Experiment(String name, Variant a, Variant b, int shareB, int holdout) {

    public static final Variant HOLDOUT = new Variant("holdout", null, null, null);

    /** The experiment the configuration describes, or null when none runs. */
    public static Experiment fromConfig(PluginConfig config) {
        if (!config.getBoolean(ServingConfig.AB_ENABLED)) {
            return null;
        }
        return new Experiment(config.require(ServingConfig.AB_NAME).strip(),
                Variant.parse("a", config.require(ServingConfig.AB_VARIANT_A)),
                Variant.parse("b", config.require(ServingConfig.AB_VARIANT_B)),
                config.getInt(ServingConfig.AB_SHARE_B), config.getInt(ServingConfig.AB_HOLDOUT));
    }

    /** The user's variant. */
    public Variant assign(String userKey) {
        int bucket = bucket(name, userKey);
        int held = holdout * 100;
        if (bucket < held) {
            return HOLDOUT;
        }
        // the remaining buckets, rescaled to 0..9999, split by shareB
        long rest = (long) (bucket - held) * 10_000 / (10_000 - held);
        return rest < shareB * 100L ? b : a;
    }

    /** A bucket 0..9999 from the first bytes of SHA-256 over {@code name + '\0' + userKey}. */
    static int bucket(String name, String userKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((name + '\0' + userKey).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(value, 10_000);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
