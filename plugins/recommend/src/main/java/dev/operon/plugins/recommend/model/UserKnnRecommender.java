package dev.operon.plugins.recommend.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * User-based nearest neighbours: the users whose items overlap most with the history (cosine with shrinkage,
 * {@code sim(h, v) = |h ∩ v|_w / (sqrt(|h|) |v| + shrink)}), the k best, and {@code score(j) = sum_v sim(h, v) x_vj}.
 * It keeps the training interactions (users' items and weights) to find neighbours, so a user unknown to the model
 * is scored from the history alone like any other; a known user is never their own neighbour.
 */
public final class UserKnnRecommender extends BaseRecommender {

    static final String ROWS = "uknn-rows.bin";
    static final String ITEMS = "uknn-items.bin";
    static final String WEIGHTS = "uknn-weights.bin";
    static final String SETTINGS = "uknn-settings.bin";
    private final int k;
    private final float shrink;
    private final int[] rowStart;
    private final int[] rowItems;
    private final float[] rowWeights;
    private final float[] rowNorms;
    private final int[] columnStart;
    private final int[] columnUsers;
    private final float[] columnWeights;

    /**
     * @param rowStart   user v's interactions are at {@code [rowStart[v], rowStart[v + 1])} of the other arrays
     * @param rowItems   item indexes
     * @param rowWeights interaction weights
     */
    public UserKnnRecommender(IdIndex users, IdIndex items, int k, float shrink, int[] rowStart, int[] rowItems,
                              float[] rowWeights) {
        super(ModelKind.USER_KNN, users, items);
        if (rowStart.length != users.size() + 1 || rowItems.length != rowStart[users.size()]
                || rowWeights.length != rowItems.length) {
            throw new IllegalArgumentException("one row per user expected");
        }
        this.k = k;
        this.shrink = shrink;
        this.rowStart = rowStart;
        this.rowItems = rowItems;
        this.rowWeights = rowWeights;
        int userCount = users.size();
        int itemCount = items.size();
        rowNorms = new float[userCount];
        columnStart = new int[itemCount + 1];
        for (int v = 0; v < userCount; v++) {
            double squares = 0;
            for (int p = rowStart[v]; p < rowStart[v + 1]; p++) {
                squares += (double) rowWeights[p] * rowWeights[p];
                columnStart[rowItems[p] + 1]++;
            }
            rowNorms[v] = (float) Math.sqrt(squares);
        }
        for (int i = 0; i < itemCount; i++) {
            columnStart[i + 1] += columnStart[i];
        }
        columnUsers = new int[rowItems.length];
        columnWeights = new float[rowItems.length];
        int[] fill = Arrays.copyOf(columnStart, itemCount);
        for (int v = 0; v < userCount; v++) {
            for (int p = rowStart[v]; p < rowStart[v + 1]; p++) {
                int i = rowItems[p];
                columnUsers[fill[i]] = v;
                columnWeights[fill[i]++] = rowWeights[p];
            }
        }
    }

    /** The model of {@code data}'s interactions. */
    public static UserKnnRecommender of(Interactions data, int k, float shrink) {
        int[] start = new int[data.userCount() + 1];
        for (int u = 0; u < data.userCount(); u++) {
            start[u + 1] = start[u] + data.count(u);
        }
        int[] rowItems = new int[start[data.userCount()]];
        float[] rowWeights = new float[rowItems.length];
        for (int u = 0; u < data.userCount(); u++) {
            for (int a = 0; a < data.count(u); a++) {
                rowItems[start[u] + a] = data.itemAt(u, a);
                rowWeights[start[u] + a] = data.weightAt(u, a);
            }
        }
        return new UserKnnRecommender(data.users(), data.items(), k, shrink, start, rowItems, rowWeights);
    }

    static UserKnnRecommender load(IdIndex users, IdIndex items, Path directory) throws IOException {
        float[] settings = ArrayFiles.readFloats(directory.resolve(SETTINGS));
        return new UserKnnRecommender(users, items, (int) settings[0], settings[1],
                ArrayFiles.readInts(directory.resolve(ROWS)), ArrayFiles.readInts(directory.resolve(ITEMS)),
                ArrayFiles.readFloats(directory.resolve(WEIGHTS)));
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        int itemCount = items.size();
        Arrays.fill(out, 0, itemCount, 0f);
        if (history.length == 0) {
            return;
        }
        float[] overlap = new float[users.size()];
        for (int h : history) {
            for (int p = columnStart[h]; p < columnStart[h + 1]; p++) {
                overlap[columnUsers[p]] += columnWeights[p];
            }
        }
        if (user >= 0 && user < overlap.length) {
            overlap[user] = 0;
        }
        double queryNorm = Math.sqrt(history.length);
        for (int v = 0; v < overlap.length; v++) {
            if (overlap[v] > 0) {
                overlap[v] = (float) (overlap[v] / (queryNorm * rowNorms[v] + shrink));
            }
        }
        for (int v : TopItems.top(overlap, overlap.length, k, v -> overlap[v] > 0)) {
            float similarity = overlap[v];
            for (int p = rowStart[v]; p < rowStart[v + 1]; p++) {
                out[rowItems[p]] += similarity * rowWeights[p];
            }
        }
    }

    @Override
    public void saveState(Path directory) throws IOException {
        ArrayFiles.writeFloats(directory.resolve(SETTINGS), new float[] {k, shrink});
        ArrayFiles.writeInts(directory.resolve(ROWS), rowStart);
        ArrayFiles.writeInts(directory.resolve(ITEMS), rowItems);
        ArrayFiles.writeFloats(directory.resolve(WEIGHTS), rowWeights);
    }
}
