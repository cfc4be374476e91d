package dev.operon.plugins.cs.understanding.minilm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FineTunedWeightsTest {

    @TempDir
    Path dir;

    @Test
    void halfPrecisionMatchesKnownEncodings() {
        assertEquals((short) 0x3c00, FineTunedWeights.toHalf(1f));
        assertEquals((short) 0xc100, FineTunedWeights.toHalf(-2.5f));
        assertEquals((short) 0x7bff, FineTunedWeights.toHalf(65504f));
        assertEquals((short) 0x7c00, FineTunedWeights.toHalf(1e6f));
        assertEquals((short) 0x0001, FineTunedWeights.toHalf(0x1p-24f));
        assertEquals((short) 0x0000, FineTunedWeights.toHalf(1e-9f));
        assertEquals(0x1p-24f, FineTunedWeights.fromHalf((short) 0x0001));
        assertEquals(-2.5f, FineTunedWeights.fromHalf((short) 0xc100));
        // 1 + 2^-11 is halfway between 1 and the next half (1 + 2^-10): ties go to the even one, 1
        assertEquals((short) 0x3c00, FineTunedWeights.toHalf(1f + 0x1p-11f));
    }

    @Test
    void roundTripsWeightsWithinHalfPrecision() throws IOException {
        Random random = new Random(3);
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.05);
        }
        Map<String, OnnxInitializers.Tensor> weights = new LinkedHashMap<>();
        weights.put("a.weight", new OnnxInitializers.Tensor(new long[] {10, 100}, values));
        weights.put("a.bias", new OnnxInitializers.Tensor(new long[] {3}, new float[] {0f, -1f, 1024f}));
        Path file = dir.resolve("w.bin");
        FineTunedWeights.write(weights, file);
        assertEquals(true, Files.size(file) < values.length * 4L, "stored in half the bytes of floats, or less");

        Map<String, OnnxInitializers.Tensor> back = FineTunedWeights.read(file);
        assertEquals(weights.keySet(), back.keySet());
        assertArrayEquals(new long[] {10, 100}, back.get("a.weight").shape());
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], back.get("a.weight").values()[i], Math.abs(values[i]) * 1e-3 + 1e-7);
        }
        assertArrayEquals(new float[] {0f, -1f, 1024f}, back.get("a.bias").values());
    }

    @Test
    void refusesAFileOfAnotherKind() throws IOException {
        Path file = dir.resolve("other.bin");
        Files.writeString(file, "not weights");
        assertThrows(IOException.class, () -> FineTunedWeights.read(file));
    }
}
