package dev.operon.plugins.marketing.experiments;

/**
 * Users exposed to an arm and how many of them converted.
 *
 * @param exposed     users sent the variant (or assigned to the holdout)
 * @param conversions users who did the goal event within the window
 */
public record Tally(long exposed, long conversions) {

    public static final Tally EMPTY = new Tally(0, 0);

    public double rate() {
        return exposed == 0 ? 0 : (double) conversions / exposed;
    }
}
