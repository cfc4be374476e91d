package dev.operon.plugins.recommend.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opaque string ids mapped to dense indexes 0..size-1, in order of first appearance. Immutable once built; safe to
 * share between threads.
 */
public final class IdIndex {

    private final List<String> ids;
    private final Map<String, Integer> indexes;

    private IdIndex(List<String> ids, Map<String, Integer> indexes) {
        this.ids = ids;
        this.indexes = indexes;
    }

    /** An index of {@code ids} in that order; duplicates are refused. */
    public static IdIndex of(List<String> ids) {
        Builder builder = new Builder();
        for (String id : ids) {
            if (builder.indexes.containsKey(id)) {
                throw new IllegalArgumentException("duplicate id '" + id + "'");
            }
            builder.add(id);
        }
        return builder.build();
    }

    public int size() {
        return ids.size();
    }

    /** The index of {@code id}, or -1 when unknown. */
    public int indexOf(String id) {
        Integer index = id == null ? null : indexes.get(id);
        return index == null ? -1 : index;
    }

    /** The id at {@code index}. */
    public String id(int index) {
        return ids.get(index);
    }

    /** Every id, by index. */
    public List<String> ids() {
        return ids;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(ids.size());
        for (String id : ids) {
            byte[] bytes = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    static IdIndex read(DataInputStream in) throws IOException {
        int size = in.readInt();
        Builder builder = new Builder();
        for (int i = 0; i < size; i++) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            builder.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** Assigns indexes in order of first appearance. Not thread-safe. */
    public static final class Builder {
        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> indexes = new HashMap<>();

        /** The index of {@code id}, assigning the next one when it is new. */
        public int add(String id) {
            Integer known = indexes.get(id);
            if (known != null) {
                return known;
            }
            int index = ids.size();
            ids.add(id);
            indexes.put(id, index);
            return index;
        }

        public int size() {
            return ids.size();
        }

        public IdIndex build() {
            return new IdIndex(List.copyOf(ids), Map.copyOf(indexes));
        }
    }
}
