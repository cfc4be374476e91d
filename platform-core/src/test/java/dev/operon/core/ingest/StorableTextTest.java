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
}
