package dev.operon.plugins.recommend.train;

import ai.djl.ndarray.NDArray;

/**
 * RecVAE's composite prior (Shenbin et al. 2020): a mixture, per latent dimension, of the standard normal, the
 * previous epoch's posterior for the same user, and a wide normal (log-variance 10), weighted 3/20, 3/4 and 1/10.
 * The posterior part keeps each encoder update close to the last one; the wide part keeps the density from
 * vanishing far from both.
 */
final class CompositePrior {

    static final float STANDARD_WEIGHT = 3f / 20;
    static final float POSTERIOR_WEIGHT = 3f / 4;
    static final float WIDE_WEIGHT = 1f / 10;
    static final float WIDE_LOG_VARIANCE = 10f;
    /**
     * The previous posterior's log-variance is kept above this in the prior: below it {@code exp} underflows and
     * the density's gradient becomes 0 * inf.
     */
    static final float MIN_LOG_VARIANCE = -20f;
    static final float LOG_2PI = (float) Math.log(2 * Math.PI);

    private CompositePrior() {
    }

    /** Element-wise log-density of {@code z} under {@code N(mu, exp(logVar))}; {@code z} is the receiver. */
    static NDArray logNormal(NDArray z, NDArray mu, NDArray logVar) {
        return z.sub(mu).square().div(logVar.exp()).add(logVar).add(LOG_2PI).mul(-0.5f);
    }

    /** Element-wise log-density of {@code z} under {@code N(0, exp(logVar))} for a constant log-variance. */
    static NDArray logNormal(NDArray z, float logVar) {
        return z.square().div((float) Math.exp(logVar)).add(logVar + LOG_2PI).mul(-0.5f);
    }

    /**
     * Element-wise log-density of {@code z} under the mixture, given the previous posterior's mean and
     * log-variance (computed without gradient: the prior is not trained).
     */
    static NDArray logDensity(NDArray z, NDArray previousMu, NDArray previousLogVar) {
        NDArray standard = logNormal(z, 0f).add((float) Math.log(STANDARD_WEIGHT));
        NDArray posterior = logNormal(z, previousMu, previousLogVar.maximum(MIN_LOG_VARIANCE))
                .add((float) Math.log(POSTERIOR_WEIGHT));
        NDArray wide = logNormal(z, WIDE_LOG_VARIANCE).add((float) Math.log(WIDE_WEIGHT));
        NDArray top = standard.maximum(posterior).maximum(wide);
        NDArray sum = standard.sub(top).exp().add(posterior.sub(top).exp()).add(wide.sub(top).exp());
        return sum.log().add(top);
    }
}
