package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.BaseRecommender;
import dev.operon.plugins.recommend.model.BlendRecommender;
import dev.operon.plugins.recommend.model.Recommender;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A part of a blend under search: the blend's weight trials score the same validation users with the same
 * histories over and over, so each (user, history) is scored by the part once and answered from memory after.
 * The scores are remembered already normalised as the blend would (so the trials blend them as they are).
 * Only for a search's lifetime; it keeps at most {@link #MAX_FLOATS} scores (16 MB), so on large data only the
 * first users asked are remembered and the rest are scored every time. Not saved, not closed with its part.
 */
final class MemoScores extends BaseRecommender {

    private record Entry(int[] history, float[] scores) {
    }

    static final long MAX_FLOATS = 4_000_000;
    private final Recommender part;
    private final BlendRecommender.Normalisation normalisation;
    private final ConcurrentHashMap<Integer, Entry> memo = new ConcurrentHashMap<>();

    /** Remembers the part's scores put on the blend's scale by {@code normalisation}. */
    MemoScores(Recommender part, BlendRecommender.Normalisation normalisation) {
        super(part.kind(), part.users(), part.items());
        this.part = part;
        this.normalisation = normalisation;
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        int n = items.size();
        Entry entry = user < 0 ? null : memo.get(user);
        if (entry == null || !Arrays.equals(entry.history(), history)) {
            float[] scores = new float[n];
            part.score(user, history, scores);
            normalisation.apply(scores, n);
            entry = new Entry(history.clone(), scores);
            if (user >= 0 && (long) (memo.size() + 1) * n <= MAX_FLOATS) {
                memo.put(user, entry);
            }
        }
        System.arraycopy(entry.scores(), 0, out, 0, n);
    }

    @Override
    public void saveState(Path directory) {
        throw new UnsupportedOperationException("a search's memo is not saved");
    }
}
