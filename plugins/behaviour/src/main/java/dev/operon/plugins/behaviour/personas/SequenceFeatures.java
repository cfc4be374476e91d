package dev.operon.plugins.behaviour.personas;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one user's event-name sequence into the vector the persona autoencoder reads: the share of each vocabulary
 * name (plus "other"), the share of each transition between consecutive events among the {@value #COARSE} most
 * frequent names (plus "other"), and the log of the sequence's length. Order enters through the transitions: two
 * users with the same counts but different habits (browse then buy, or buy then contact support) differ.
 */
public final class SequenceFeatures {

    static final int COARSE = 8;

    private final List<String> vocabulary;
    private final int coarse;

    /** @param vocabulary the names read, most frequent first */
    public SequenceFeatures(List<String> vocabulary) {
        this.vocabulary = List.copyOf(vocabulary);
        this.coarse = Math.min(COARSE, vocabulary.size());
    }

    public List<String> vocabulary() {
        return vocabulary;
    }

    /** Length of a vector. */
    public int size() {
        int v = vocabulary.size() + 1;
        int c = coarse + 1;
        return v + c * c + 1;
    }

    /** The vector of one sequence (names in time order). */
    public float[] vector(List<String> sequence) {
        int v = vocabulary.size() + 1;
        int c = coarse + 1;
        float[] out = new float[size()];
        if (sequence.isEmpty()) {
            return out;
        }
        int previous = -1;
        for (String name : sequence) {
            int i = vocabulary.indexOf(name);
            int slot = i < 0 ? vocabulary.size() : i;
            out[slot] += 1f / sequence.size();
            int coarseSlot = i < 0 || i >= coarse ? coarse : i;
            if (previous >= 0 && sequence.size() > 1) {
                out[v + previous * c + coarseSlot] += 1f / (sequence.size() - 1);
            }
            previous = coarseSlot;
        }
        out[out.length - 1] = (float) Math.log1p(sequence.size());
        return out;
    }

    /** The names of the vector's parts, for statistics. */
    List<String> names() {
        List<String> names = new ArrayList<>(vocabulary);
        names.add("(other)");
        return names;
    }
}
