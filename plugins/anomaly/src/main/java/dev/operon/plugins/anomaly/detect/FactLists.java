package dev.operon.plugins.anomaly.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lists of semi-contexts by fact. Facts are small and dense (value facts from 0, context facts from 64 on, one per
 * context), so the lists sit in an array indexed by fact rather than in a map.
 */
final class FactLists {

    private List<SemiContext>[] lists = newArray(64);

    /** The list for a fact, empty (and not to be changed) when there is none. */
    List<SemiContext> get(int fact) {
        List<SemiContext> list = fact < lists.length ? lists[fact] : null;
        return list == null ? List.of() : list;
    }

    /** The list for a fact, created when missing. */
    List<SemiContext> getOrCreate(int fact) {
        if (fact >= lists.length) {
            lists = Arrays.copyOf(lists, Math.max(fact + 1, 2 * lists.length));
        }
        if (lists[fact] == null) {
            lists[fact] = new ArrayList<>();
        }
        return lists[fact];
    }

    @SuppressWarnings("unchecked")
    private static List<SemiContext>[] newArray(int size) {
        return (List<SemiContext>[]) new List<?>[size];
    }
}
