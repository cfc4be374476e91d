package dev.operon.examples.imageclassifier;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last classifications this node answered, newest first, kept in memory only. Thread-safe. */
final class RecentResults {

    private final Deque<RecentResult> results = new ArrayDeque<>();

    synchronized void add(RecentResult result, int keep) {
        results.addFirst(result);
        while (results.size() > Math.max(0, keep)) {
            results.removeLast();
        }
    }

    synchronized List<RecentResult> list() {
        return List.copyOf(results);
    }

    synchronized int size() {
        return results.size();
    }
}
