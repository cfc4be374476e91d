package dev.operon.plugins.marketing.uplift;

import dev.operon.plugins.marketing.MarketingConfig;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.model.ModelUnavailableException;
import dev.operon.sdk.profiles.Profile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code target: positive-uplift}: keeps the audience members whose predicted uplift (the champion of
 * {@link UpliftModelType}) is above 0. Members without a profile are kept: the guardrails skip them later with their
 * own reason.
 */
public final class UpliftTargeting {

    private static final int BATCH = 1_000;

    /** Who stays and how many were left out. */
    public record Result(Set<Long> kept, long dropped) {
    }

    private UpliftTargeting() {
    }

    /** @throws ModelUnavailableException when no uplift model has been promoted yet */
    public static Result persuadable(PluginScope s, Set<Long> audience) {
        if (s.models().champion(UpliftModelType.ID).isEmpty()) {
            throw new ModelUnavailableException("no uplift model yet: run " + UpliftTrainTask.ID
                    + " on past campaigns with a goal and a holdout before targeting positive-uplift");
        }
        Set<String> excluded = Set.of(s.config().require(MarketingConfig.EMAIL_TRAIT));
        List<Long> ids = new ArrayList<>(audience);
        ids.sort(null);
        Set<Long> kept = new HashSet<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<Long> scored = new ArrayList<>();
            List<UpliftInput> inputs = new ArrayList<>();
            for (long id : chunk) {
                Optional<Profile> p = s.profiles().get(id);
                if (p.isEmpty()) {
                    kept.add(id);
                } else {
                    scored.add(id);
                    inputs.add(new UpliftInput(ProfileRow.of(p.get(), excluded)));
                }
            }
            if (inputs.isEmpty()) {
                continue;
            }
            List<UpliftScore> scores = s.models().predictBatch(UpliftModelType.ID, inputs);
            for (int i = 0; i < scored.size(); i++) {
                if (scores.get(i).uplift() > 0) {
                    kept.add(scored.get(i));
                }
            }
        }
        return new Result(kept, audience.size() - kept.size());
    }
}
