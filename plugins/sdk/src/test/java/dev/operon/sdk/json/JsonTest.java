package dev.operon.sdk.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryKindOfValueKeepingFieldOrder() {
        Object parsed = Json.parse(" {\"z\": 1, \"a\": [true, false, null, -2.5e1, \"x\\n\\u00e9\\\"\"], \"n\": {}} ");
        Map<?, ?> map = (Map<?, ?>) parsed;
        assertEquals(List.of("z", "a", "n"), new ArrayList<>(map.keySet()));
        assertEquals(1L, map.get("z"));
        assertEquals(Arrays.asList(true, false, null, -25.0, "x\né\""), map.get("a"));
        assertEquals(Map.of(), map.get("n"));
    }

    @Test
    void integralNumbersAreLongsUntilTheyNoLongerFit() {
        assertEquals(Long.MAX_VALUE / 10, Json.parse(String.valueOf(Long.MAX_VALUE / 10)));
        assertEquals(1e19, Json.parse("10000000000000000000"));
        assertEquals(-7L, Json.parse("-7"));
    }

    @Test
    void writesCompactTextThatParsesBackToTheSameValue() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            Object value = randomValue(random, 3);
            assertEquals(value, Json.parse(Json.write(value)), () -> Json.write(value));
        }
    }

    @Test
    void writesWholeDoublesWithoutAFractionAndNonFiniteOnesAsNull() {
        assertEquals("[3,0.25,null,null]", Json.write(List.of(3.0, 0.25, Double.NaN, Double.POSITIVE_INFINITY)));
        assertEquals("[1,2.5]", Json.write(new double[] {1, 2.5}));
        assertEquals("\"\\u0001\\t\"", Json.write("\u0001\t"));
        assertNull(Json.parse("null"));
    }

    @Test
    void badTextIsRefusedSayingWhere() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "{a:1}", "\"open", "tru", "1 2", "\"\\q\"",
                "\"\\u12\"", "--1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid JSON at character "), e.getMessage());
        }
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 7 : 5);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong() >> random.nextInt(60);
            case 3 -> random.nextInt(1000) + 0.25;
            case 4 -> randomText(random);
            case 5 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(randomText(random), randomValue(random, depth - 1));
                }
                yield map;
            }
        };
    }

    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            out.append((char) (random.nextBoolean() ? random.nextInt(0x80) : 0x4e00 + random.nextInt(100)));
        }
        return out.toString();
    }
}
