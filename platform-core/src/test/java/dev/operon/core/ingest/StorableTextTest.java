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
}
