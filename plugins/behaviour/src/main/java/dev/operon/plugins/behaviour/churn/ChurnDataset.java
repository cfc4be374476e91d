package dev.operon.plugins.behaviour.churn;

import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labelled rows at one cutoff: every profile that allows analytics and had an event in the lookback window before
 * the cutoff, its features from those events ({@link ActivitySnapshot}), labelled churned when it has no event in
 * the horizon after the cutoff.
 *
 * @param profileIds the profiles, in id order
 * @param rows       their feature rows
 * @param churned    their labels
 */
record ChurnDataset(List<Long> profileIds, List<Map<String, String>> rows, boolean[] churned) {

    static ChurnDataset at(Events events, Profiles profiles, Instant cutoff, Duration lookback, Duration horizon,
                           String revenueProperty, List<String> eventNames, Set<String> traits) {
        ActivitySnapshot snapshot = ActivitySnapshot.of(events, cutoff, lookback, revenueProperty);
        Set<Long> activeAfter = ActivitySnapshot.activeBetween(events, cutoff, cutoff.plus(horizon));
        List<Long> ids = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        profiles.forEach(ProfileQuery.all().allowing(Consent.ANALYTICS), (Profile p) -> {
            if (snapshot.activeProfiles().contains(p.id())) {
                ids.add(p.id());
                rows.add(snapshot.features(p, eventNames, traits));
                labels.add(!activeAfter.contains(p.id()));
            }
        });
        boolean[] churned = new boolean[labels.size()];
        for (int i = 0; i < churned.length; i++) {
            churned[i] = labels.get(i);
        }
        return new ChurnDataset(ids, rows, churned);
    }

    /** The most frequent event names of the window before {@code cutoff}. */
    static List<String> eventNames(Events events, Instant cutoff, Duration lookback, String revenueProperty,
                                   int limit) {
        return ActivitySnapshot.of(events, cutoff, lookback, revenueProperty).topEventNames(limit);
    }

    int positives() {
        int n = 0;
        for (boolean b : churned) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** The column names of the rows, in first-seen order. */
    List<String> columns() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.keySet()));
        return List.copyOf(names);
    }

    /** Values column by column, {@code null} (blank) where a row lacks a column (0 for count columns). */
    String[][] byColumn(List<String> columns) {
        String[][] out = new String[columns.size()][rows.size()];
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            boolean count = ActivitySnapshot.isCount(name);
            for (int r = 0; r < rows.size(); r++) {
                String value = rows.get(r).get(name);
                out[c][r] = value == null && count ? "0" : value;
            }
        }
        return out;
    }
}
