package dev.operon.plugins.cs.knowledge;

import dev.operon.plugins.cs.understanding.Language;
import dev.operon.plugins.cs.understanding.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Exact nearest-neighbour search over article embeddings held in the JVM: a query is compared with every article of
 * its language (dot products of unit vectors). Immutable; rebuilt when the articles change.
 */
public final class ArticleIndex {

    /** One article as the index holds it. */
    public record Entry(long id, String title, String intent, Language language, float[] vector) {
    }

    /** A search result. */
    public record Hit(long id, String title, String intent, double similarity) {
    }

    private final List<Entry> entries;
    private final String version;

    public ArticleIndex(List<Entry> entries, String version) {
        this.entries = List.copyOf(entries);
        this.version = version;
    }

    /** What the index was built from (compared with the table's current state). */
    public String version() {
        return version;
    }

    public int size() {
        return entries.size();
    }

    /**
     * The {@code k} most similar articles of the query's language; an article whose intent equals {@code intent} gets
     * {@code intentBonus} added to its rank (not to the similarity reported).
     */
    public List<Hit> search(float[] query, Language language, int k, String intent, double intentBonus) {
        PriorityQueue<double[]> best = new PriorityQueue<>(Comparator.comparingDouble(a -> a[0]));
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.language() != language || e.vector().length != query.length) {
                continue;
            }
            double similarity = Vectors.dot(query, e.vector());
            double rank = similarity + (intent != null && intent.equals(e.intent()) ? intentBonus : 0);
            if (best.size() < k) {
                best.add(new double[] {rank, i, similarity});
            } else if (rank > best.peek()[0]) {
                best.poll();
                best.add(new double[] {rank, i, similarity});
            }
        }
        List<double[]> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparingDouble((double[] a) -> a[0]).reversed());
        List<Hit> hits = new ArrayList<>();
        for (double[] s : sorted) {
            Entry e = entries.get((int) s[1]);
            hits.add(new Hit(e.id(), e.title(), e.intent(), s[2]));
        }
        return hits;
    }
}
