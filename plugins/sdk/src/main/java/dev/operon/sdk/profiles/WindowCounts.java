package dev.operon.sdk.profiles;

/** How often something happened in the last 7, 30 and 90 days before the features were computed. */
public record WindowCounts(long last7Days, long last30Days, long last90Days) {

    public static final WindowCounts NONE = new WindowCounts(0, 0, 0);
}
