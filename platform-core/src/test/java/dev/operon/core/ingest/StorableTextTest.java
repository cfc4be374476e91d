package dev.operon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void pairedSurrogatesAreFineAndLoneOnesAreNot() {
        assertThat(StorableText.hasLoneSurrogate("plain 😀 漢字")).isFalse();
        assertThat(StorableText.hasLoneSurrogate("a\ud83d")).isTrue();
        assertThat(StorableText.hasLoneSurrogate("\ude00b")).isTrue();
        assertThat(StorableText.hasLoneSurrogate("\ude00\ud83d")).isTrue();
    }

    @Test
    void escapesInJsonTextAreReadAsTheCharactersTheyStandFor() {
        assertThat(StorableText.jsonHasLoneSurrogate("{\"a\":\"\\ud83d\\ude00\"}")).isFalse();
        assertThat(StorableText.jsonHasLoneSurrogate("{\"a\":\"\\uD83D\\uDE00\\u00e9\"}")).isFalse();
        assertThat(StorableText.jsonHasLoneSurrogate("{\"a\":\"\\ud83d\"}")).isTrue();
        assertThat(StorableText.jsonHasLoneSurrogate("{\"a\":\"\\ude00\"}")).isTrue();
        assertThat(StorableText.jsonHasLoneSurrogate("{\"a\":\"\\ud83dx\"}")).isTrue();
        assertThat(StorableText.jsonHasLoneSurrogate("{\"a\":\"\\ud83d\\u0041\"}")).isTrue();
        // an escaped backslash followed by "ud83d" is six plain characters
        assertThat(StorableText.jsonHasLoneSurrogate("{\"a\":\"\\\\ud83d\"}")).isFalse();
        assertThat(StorableText.jsonHasLoneSurrogate("{\"a\":\"a\ud83d\"}")).isTrue();
    }

    @Test
    void numbersBeyondPostgresNumericAreFoundOutsideStringsOnly() {
        assertThat(StorableText.jsonHasUnstorableNumber("{\"a\":1,\"b\":-2.5e10,\"c\":[0.001,1E+1000,1e-1000]}"))
                .isFalse();
        assertThat(StorableText.jsonHasUnstorableNumber("{\"n\":" + "9".repeat(5000) + "}")).isFalse();
        assertThat(StorableText.jsonHasUnstorableNumber("{\"n\":1e999999}")).isTrue();
        assertThat(StorableText.jsonHasUnstorableNumber("{\"n\":-1e-999999}")).isTrue();
        assertThat(StorableText.jsonHasUnstorableNumber("{\"n\":[1,{\"m\":1E+1001}]}")).isTrue();
        assertThat(StorableText.jsonHasUnstorableNumber("{\"n\":1e99999999999999999999}")).isTrue();
        assertThat(StorableText.jsonHasUnstorableNumber("{\"n\":0." + "1".repeat(16_000) + "e-1000}")).isTrue();
        // inside strings, including after an escaped quote, digits are text
        assertThat(StorableText.jsonHasUnstorableNumber("{\"1e999999\":\"x\\\" 1e999999\"}")).isFalse();
    }

    @Test
    void theOnePassCheckNamesTheSameProblemAsTheSeparateChecks() {
        assertThat(StorableText.jsonProblem("{\"a\":\"x\\u0000\",\"b\":1e999999}"))
                .isEqualTo(StorableText.JsonProblem.NUL);
        assertThat(StorableText.jsonProblem("{\"a\":\"\\ud83d\",\"b\":1e999999}"))
                .isEqualTo(StorableText.JsonProblem.LONE_SURROGATE);
        assertThat(StorableText.jsonProblem("{\"b\":[1,-1e999999]}"))
                .isEqualTo(StorableText.JsonProblem.UNSTORABLE_NUMBER);
        assertThat(StorableText.jsonProblem(
                "{\"sku\":\"SKU-00042\",\"price\":12.5,\"emoji\":\"\\ud83d\\ude00 \ud83d\ude00\"}"))
                .isEqualTo(StorableText.JsonProblem.NONE);
        // an escaped backslash before "u0000" is text, not a NUL
        assertThat(StorableText.jsonProblem("{\"path\":\"C:\\\\u0000\"}"))
                .isEqualTo(StorableText.JsonProblem.NONE);
        // random objects of the pieces the checks look at agree with the separate checks
        String[] pieces = {"\"a\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"\\\\u0000\"",
                "\"\\\"\"", "1e999999", "-0.5", "007", "1E+1001", "2e-3", "\"\ud83d\"", "\"\ud83d\ude00\"",
                "\"1e999999\""};
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder json = new StringBuilder("{");
            int members = 1 + random.nextInt(4);
            for (int m = 0; m < members; m++) {
                json.append(m == 0 ? "" : ",").append("\"k").append(m).append("\":")
                        .append(pieces[random.nextInt(pieces.length)]);
            }
            String text = json.append('}').toString();
            StorableText.JsonProblem expected = text.replace("\\\\", "").contains("\\u0000")
                    ? StorableText.JsonProblem.NUL
                    : StorableText.jsonHasLoneSurrogate(text) ? StorableText.JsonProblem.LONE_SURROGATE
                    : StorableText.jsonHasUnstorableNumber(text) ? StorableText.JsonProblem.UNSTORABLE_NUMBER
                    : StorableText.JsonProblem.NONE;
            assertThat(StorableText.jsonProblem(text)).as(text).isEqualTo(expected);
        }
    }
}
