package dev.operon.plugins.recommend.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Plain big-endian files of numbers: a length, then the values. */
public final class ArrayFiles {

    private ArrayFiles() {
    }

    public static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * values.length).order(ByteOrder.BIG_ENDIAN);
        buffer.putInt(values.length);
        buffer.asFloatBuffer().put(values);
        Files.write(file, buffer.array());
    }

    public static float[] readFloats(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.BIG_ENDIAN);
        float[] values = new float[buffer.getInt()];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    public static void writeInts(Path file, int[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * values.length).order(ByteOrder.BIG_ENDIAN);
        buffer.putInt(values.length);
        buffer.asIntBuffer().put(values);
        Files.write(file, buffer.array());
    }

    public static int[] readInts(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.BIG_ENDIAN);
        int[] values = new int[buffer.getInt()];
        buffer.asIntBuffer().get(values);
        return values;
    }

    static void writeIds(Path file, IdIndex ids) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            ids.write(out);
        }
    }

    static IdIndex readIds(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return IdIndex.read(in);
        }
    }
}
