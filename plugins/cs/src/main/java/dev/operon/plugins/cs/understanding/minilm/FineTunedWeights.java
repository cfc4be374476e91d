package dev.operon.plugins.cs.understanding.minilm;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file of named weights stored as IEEE half-precision values: a fine-tuned encoder with its head in about 45 MB
 * instead of 90 (the artifact of a model version). Half precision keeps about three significant digits, far finer
 * than the changes fine-tuning makes; the encoder's vectors from half-precision weights stay within a cosine of
 * 0.999 of the full-precision ones (see its test). The file is written whole or not at all.
 */
public final class FineTunedWeights {

    private static final String MAGIC = "operon-minilm-weights-f16";
    private static final int MAX_TENSORS = 10_000;

    private FineTunedWeights() {
    }

    /** Writes {@code weights} to {@code file}, replacing it. */
    public static void write(Map<String, OnnxInitializers.Tensor> weights, Path file) throws IOException {
        Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".part");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial),
                1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(weights.size());
            for (Map.Entry<String, OnnxInitializers.Tensor> e : weights.entrySet()) {
                out.writeUTF(e.getKey());
                long[] shape = e.getValue().shape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                float[] values = e.getValue().values();
                out.writeInt(values.length);
                for (float v : values) {
                    out.writeShort(toHalf(v));
                }
            }
        } catch (IOException | RuntimeException ex) {
            Files.deleteIfExists(partial);
            throw ex;
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a file written by {@link #write}. */
    public static Map<String, OnnxInitializers.Tensor> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(file + " is not a weights file");
            }
            int count = in.readInt();
            if (count < 0 || count > MAX_TENSORS) {
                throw new IOException(file + ": implausible number of tensors " + count);
            }
            Map<String, OnnxInitializers.Tensor> out = new LinkedHashMap<>();
            for (int t = 0; t < count; t++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                long size = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = in.readLong();
                    size *= shape[i];
                }
                int length = in.readInt();
                if (length != size || length < 0) {
                    throw new IOException(file + ": " + name + " holds " + length + " values for its shape");
                }
                float[] values = new float[length];
                for (int i = 0; i < length; i++) {
                    values[i] = fromHalf(in.readShort());
                }
                out.put(name, new OnnxInitializers.Tensor(shape, values));
            }
            return out;
        }
    }

    /** IEEE 754 binary16, rounded to nearest even; overflow gives infinity, tiny values subnormals or zero. */
    static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = bits & 0x7fffff;
        if (((bits >>> 23) & 0xff) == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        if (exponent >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (exponent <= 0) {
            if (exponent < -10) {
                return (short) sign;
            }
            mantissa |= 0x800000;
            int shift = 14 - exponent;
            int half = mantissa >> shift;
            int rest = mantissa & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (exponent << 10) | (mantissa >> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }

    /** The float of an IEEE 754 binary16 value. */
    static float fromHalf(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
