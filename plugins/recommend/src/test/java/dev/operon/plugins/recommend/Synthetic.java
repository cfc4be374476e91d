package dev.operon.plugins.recommend;

import dev.operon.plugins.recommend.model.IdIndex;
import dev.operon.plugins.recommend.model.Interactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthetic feedback with planted patterns, built in the tests themselves. */
public final class Synthetic {

    private Synthetic() {
    }

    /**
     * {@code groups} taste groups: users of group g interact with a random {@code perUser} of the items
     * {@code [g * itemsPerGroup, (g + 1) * itemsPerGroup)}, plus one random item from anywhere (noise). Items are
     * {@code i<n>}, users {@code u<n>}.
     */
    public static Interactions groups(int groups, int usersPerGroup, int itemsPerGroup, int perUser, long seed) {
        Random random = new Random(seed);
        IdIndex.Builder users = new IdIndex.Builder();
        IdIndex.Builder items = new IdIndex.Builder();
        int itemCount = groups * itemsPerGroup;
        for (int i = 0; i < itemCount; i++) {
            items.add("i" + i);
        }
        List<int[]> rows = new ArrayList<>();
        long time = 0;
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < usersPerGroup; k++) {
                int u = users.add("u" + (g * usersPerGroup + k));
                List<Integer> pool = new ArrayList<>();
                for (int i = 0; i < itemsPerGroup; i++) {
                    pool.add(g * itemsPerGroup + i);
                }
                java.util.Collections.shuffle(pool, random);
                for (int p = 0; p < perUser; p++) {
                    rows.add(new int[] {u, pool.get(p), (int) time++});
                }
                rows.add(new int[] {u, random.nextInt(itemCount), (int) time++});
            }
        }
        return build(users.build(), items.build(), rows);
    }

    /**
     * Sequences that walk a cycle: each user starts at a random item and moves to the next item (mod items) at
     * every step, so the next item is always the last one plus one.
     */
    public static Interactions cycles(int userCount, int itemCount, int length, long seed) {
        Random random = new Random(seed);
        IdIndex.Builder users = new IdIndex.Builder();
        IdIndex.Builder items = new IdIndex.Builder();
        for (int i = 0; i < itemCount; i++) {
            items.add("i" + i);
        }
        List<int[]> rows = new ArrayList<>();
        for (int k = 0; k < userCount; k++) {
            int u = users.add("u" + k);
            int start = random.nextInt(itemCount);
            for (int t = 0; t < length; t++) {
                rows.add(new int[] {u, (start + t) % itemCount, t});
            }
        }
        return build(users.build(), items.build(), rows);
    }

    private static Interactions build(IdIndex users, IdIndex items, List<int[]> rows) {
        int n = rows.size();
        int[] user = new int[n];
        int[] item = new int[n];
        float[] weight = new float[n];
        long[] time = new long[n];
        for (int r = 0; r < n; r++) {
            user[r] = rows.get(r)[0];
            item[r] = rows.get(r)[1];
            weight[r] = 1f;
            time[r] = rows.get(r)[2];
        }
        return Interactions.of(users, items, user, item, weight, time);
    }
}
