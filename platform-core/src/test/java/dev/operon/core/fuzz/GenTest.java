package dev.operon.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generator the fuzz tests rely on: reproducible per seed, within its bounds, covering its ranges. */
class GenTest {

    private static final Gen<String> TEXT = Gen.oneOf(Gen.strings(Gen.anyChar(), 0, 20),
            Gen.of("a", "b").list(1, 3).map(String::valueOf));

    @Test
    void theSameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
        assertThat(TEXT.samples(42, 200)).isEqualTo(TEXT.samples(42, 200));
        assertThat(TEXT.samples(42, 200)).isNotEqualTo(TEXT.samples(43, 200));
        assertThat(TEXT.samples(42, 200)).startsWith(TEXT.samples(42, 50).toArray(String[]::new));
    }

    @Test
    void boundsAreInclusiveAndReached() {
        List<Integer> ints = Gen.ints(-2, 2).samples(1, 1000);
        assertThat(ints).allMatch(i -> i >= -2 && i <= 2).contains(-2, -1, 0, 1, 2);
        assertThat(Gen.ints(Integer.MAX_VALUE - 1, Integer.MAX_VALUE).samples(1, 100))
                .containsOnly(Integer.MAX_VALUE - 1, Integer.MAX_VALUE);
        List<String> strings = Gen.strings(Gen.chars('x', 'z'), 2, 4).samples(1, 1000);
        assertThat(strings).allMatch(s -> s.length() >= 2 && s.length() <= 4 && s.matches("[xyz]+"));
        assertThat(strings.stream().map(String::length).distinct()).containsExactlyInAnyOrder(2, 3, 4);
        assertThat(Gen.bytes(0, 3).samples(1, 500).stream().map(b -> b.length).distinct())
                .containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(Gen.doubles(0.5, 1).samples(1, 1000)).allMatch(d -> d >= 0.5 && d < 1);
    }

    @Test
    void anyCharReachesSurrogatesNulAndTheTopOfTheRange() {
        List<Character> chars = Gen.anyChar().samples(7, 200_000);
        assertThat(chars).anyMatch(Character::isSurrogate).anyMatch(c -> c < 0x20).anyMatch(c -> c > 0xf000);
        assertThat(Gen.charsOf("\u202e\u0000").samples(7, 100)).containsOnly('\u202e', '\u0000');
    }

    @Test
    void frequencyFollowsTheWeights() {
        Map<String, Long> counts = Gen.<String>frequency(Gen.weighted(1, Gen.of("rare")), Gen.weighted(9,
                Gen.of("common"))).samples(3, 10_000).stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        assertThat(counts.get("rare")).isBetween(800L, 1200L);
        assertThat(counts.get("common")).isBetween(8800L, 9200L);
    }

    @Test
    void combineAndMapApplyTheirFunctions() {
        assertThat(Gen.combine(Gen.ints(1, 1), Gen.of("x"), (n, s) -> s.repeat(n + 1)).map(String::toUpperCase)
                .samples(1, 5)).containsOnly("XX");
    }
}
