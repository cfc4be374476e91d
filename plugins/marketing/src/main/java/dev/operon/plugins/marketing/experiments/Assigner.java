package dev.operon.plugins.marketing.experiments;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.Variant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Assigns each profile of a campaign run to the holdout or to a variant, deterministically from a hash, so that a
 * re-planned run (after a crash) assigns everyone the same way. The holdout is drawn from the campaign and the profile
 * only: a user in the control group stays there for every run of a recurring campaign. Under fixed allocation the
 * variant is too; under Thompson sampling each run draws, per user, one conversion rate from every variant's Beta
 * posterior (seeded by the run and the profile) and takes the largest.
 */
public final class Assigner {

    public static final String HOLDOUT = "holdout";

    private final Campaign campaign;
    private final String runKey;
    private final Map<String, Tally> results;
    private final double totalWeight;

    /**
     * @param results conversions so far per variant name (only used by Thompson sampling; may be empty)
     */
    public Assigner(Campaign campaign, String runKey, Map<String, Tally> results) {
        this.campaign = campaign;
        this.runKey = runKey;
        this.results = results;
        this.totalWeight = campaign.variants().stream().mapToDouble(Variant::weight).sum();
    }

    public String assign(long profileId) {
        if (unit(mix(campaign.id(), 0x686f6c64L, profileId)) * 100 < campaign.holdoutPercent()) {
            return HOLDOUT;
        }
        if (campaign.winner() != null && campaign.variant(campaign.winner()).isPresent()) {
            return campaign.winner();
        }
        List<Variant> variants = campaign.variants();
        if (variants.size() == 1) {
            return variants.get(0).name();
        }
        if ("thompson".equals(campaign.allocation())) {
            SplittableRandom random = new SplittableRandom(mix(campaign.id(), runKey.hashCode(), profileId));
            String best = null;
            double bestDraw = -1;
            for (Variant v : variants) {
                Tally t = results.getOrDefault(v.name(), Tally.EMPTY);
                double draw = Beta.sample(random, 1 + t.conversions(), 1 + t.exposed() - t.conversions());
                if (draw > bestDraw) {
                    bestDraw = draw;
                    best = v.name();
                }
            }
            return best;
        }
        double u = unit(mix(campaign.id(), 0x76617269L, profileId)) * totalWeight;
        for (Variant v : variants) {
            u -= v.weight();
            if (u < 0) {
                return v.name();
            }
        }
        return variants.get(variants.size() - 1).name();
    }

    /** A 64-bit mix of three values (SplitMix64's finaliser over their combination). */
    static long mix(long a, long b, long c) {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The top 53 bits as a number in [0, 1). */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }
}
