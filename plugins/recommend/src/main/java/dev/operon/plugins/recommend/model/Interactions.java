package dev.operon.plugins.recommend.model;

import java.util.Arrays;

/**
 * Implicit feedback as a sparse user-by-item matrix: opaque user and item ids mapped to dense indexes, and one
 * entry per (user, item) pair with a summed weight and the time of its latest interaction. Rows are kept per user
 * ordered by time (oldest first; ties by item index), which is what sequential models read. Immutable.
 */
public final class Interactions {

    private final IdIndex users;
    private final IdIndex items;
    private final int[] rowStart;
    private final int[] itemOf;
    private final float[] weightOf;
    private final long[] timeOf;

    private Interactions(IdIndex users, IdIndex items, int[] rowStart, int[] itemOf, float[] weightOf,
                         long[] timeOf) {
        this.users = users;
        this.items = items;
        this.rowStart = rowStart;
        this.itemOf = itemOf;
        this.weightOf = weightOf;
        this.timeOf = timeOf;
    }

    /**
     * Builds the matrix from parallel arrays (one entry per interaction; repeated pairs are merged: weights summed,
     * the latest time kept). Times are any increasing unit (epoch seconds, milliseconds, row numbers).
     */
    public static Interactions of(IdIndex users, IdIndex items, int[] user, int[] item, float[] weight,
                                  long[] time) {
        int n = user.length;
        if (item.length != n || weight.length != n || time.length != n) {
            throw new IllegalArgumentException("user, item, weight and time arrays differ in length");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (user[i] < 0 || user[i] >= users.size() || item[i] < 0 || item[i] >= items.size()) {
                throw new IllegalArgumentException("entry " + i + " has an index outside the id maps");
            }
            order[i] = i;
        }
        // group by user and item to merge repeats
        Arrays.sort(order, (a, b) -> user[a] != user[b] ? Integer.compare(user[a], user[b])
                : Integer.compare(item[a], item[b]));
        int[] mergedUser = new int[n];
        int[] mergedItem = new int[n];
        float[] mergedWeight = new float[n];
        long[] mergedTime = new long[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (m > 0 && mergedUser[m - 1] == user[i] && mergedItem[m - 1] == item[i]) {
                mergedWeight[m - 1] += weight[i];
                mergedTime[m - 1] = Math.max(mergedTime[m - 1], time[i]);
            } else {
                mergedUser[m] = user[i];
                mergedItem[m] = item[i];
                mergedWeight[m] = weight[i];
                mergedTime[m] = time[i];
                m++;
            }
        }
        Integer[] byTime = new Integer[m];
        for (int i = 0; i < m; i++) {
            byTime[i] = i;
        }
        Arrays.sort(byTime, (a, b) -> mergedUser[a] != mergedUser[b] ? Integer.compare(mergedUser[a], mergedUser[b])
                : mergedTime[a] != mergedTime[b] ? Long.compare(mergedTime[a], mergedTime[b])
                : Integer.compare(mergedItem[a], mergedItem[b]));
        int[] rowStart = new int[users.size() + 1];
        int[] itemOf = new int[m];
        float[] weightOf = new float[m];
        long[] timeOf = new long[m];
        for (int k = 0; k < m; k++) {
            int i = byTime[k];
            rowStart[mergedUser[i] + 1]++;
            itemOf[k] = mergedItem[i];
            weightOf[k] = mergedWeight[i];
            timeOf[k] = mergedTime[i];
        }
        for (int u = 0; u < users.size(); u++) {
            rowStart[u + 1] += rowStart[u];
        }
        return new Interactions(users, items, rowStart, itemOf, weightOf, timeOf);
    }

    public IdIndex users() {
        return users;
    }

    public IdIndex items() {
        return items;
    }

    public int userCount() {
        return users.size();
    }

    public int itemCount() {
        return items.size();
    }

    /** Number of distinct (user, item) pairs. */
    public int size() {
        return itemOf.length;
    }

    /** Number of items of {@code user}. */
    public int count(int user) {
        return rowStart[user + 1] - rowStart[user];
    }

    /** The items of {@code user}, oldest first. */
    public int[] itemsOf(int user) {
        return Arrays.copyOfRange(itemOf, rowStart[user], rowStart[user + 1]);
    }

    /** The weights of {@code user}'s items, aligned with {@link #itemsOf}. */
    public float[] weightsOf(int user) {
        return Arrays.copyOfRange(weightOf, rowStart[user], rowStart[user + 1]);
    }

    /** The latest times of {@code user}'s items, aligned with {@link #itemsOf}. */
    public long[] timesOf(int user) {
        return Arrays.copyOfRange(timeOf, rowStart[user], rowStart[user + 1]);
    }

    /** Entry {@code k} of {@code user}'s row (no copy): its item. */
    public int itemAt(int user, int k) {
        return itemOf[rowStart[user] + k];
    }

    /** Entry {@code k} of {@code user}'s row (no copy): its weight. */
    public float weightAt(int user, int k) {
        return weightOf[rowStart[user] + k];
    }

    /** The same users and items with other rows: {@code rows[u]} lists positions in u's row to keep. */
    public Interactions subset(int[][] keep) {
        int total = 0;
        for (int[] row : keep) {
            total += row.length;
        }
        int[] user = new int[total];
        int[] item = new int[total];
        float[] weight = new float[total];
        long[] time = new long[total];
        int at = 0;
        for (int u = 0; u < keep.length; u++) {
            for (int k : keep[u]) {
                int p = rowStart[u] + k;
                user[at] = u;
                item[at] = itemOf[p];
                weight[at] = weightOf[p];
                time[at] = timeOf[p];
                at++;
            }
        }
        return of(users, items, user, item, weight, time);
    }
}
