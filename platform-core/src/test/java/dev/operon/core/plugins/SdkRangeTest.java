package dev.operon.core.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Maven-style SDK ranges as plugins write them. */
class SdkRangeTest {

    @Test
    void boundsAreInclusiveOrExclusiveAsWritten() {
        SdkRange range = SdkRange.parse("[1.0,2.0)");
        assertThat(range.contains("1.0")).isTrue();
        assertThat(range.contains("1.9.9")).isTrue();
        assertThat(range.contains("2.0")).isFalse();
        assertThat(range.contains("0.9")).isFalse();
        assertThat(SdkRange.parse("(1.0,2.0]").contains("1.0")).isFalse();
        assertThat(SdkRange.parse("(1.0,2.0]").contains("2")).isTrue();
    }

    @Test
    void openEndsExactVersionsAndUnions() {
        assertThat(SdkRange.parse("[1.2,)").contains("7.0")).isTrue();
        assertThat(SdkRange.parse("[1.2,)").contains("1.1")).isFalse();
        assertThat(SdkRange.parse("(,2.0)").contains("0.1")).isTrue();
        assertThat(SdkRange.parse("[1.0]").contains("1.0.0")).isTrue();
        assertThat(SdkRange.parse("[1.0]").contains("1.1")).isFalse();
        SdkRange union = SdkRange.parse("[1.0,1.3), [1.5,2.0)");
        assertThat(union.contains("1.2")).isTrue();
        assertThat(union.contains("1.4")).isFalse();
        assertThat(union.contains("1.6")).isTrue();
    }

    @Test
    void aBareVersionMeansUpToTheNextMajor() {
        assertThat(SdkRange.parse("1.0").contains("1.7")).isTrue();
        assertThat(SdkRange.parse("1.2").contains("1.1")).isFalse();
        assertThat(SdkRange.parse("1.0").contains("2.0")).isFalse();
    }

    @Test
    void unreadableRangesSayWhy() {
        assertThatThrownBy(() -> SdkRange.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SdkRange.parse("[1.0,2.0")).hasMessageContaining("not a version range");
        assertThatThrownBy(() -> SdkRange.parse("[2.0,1.0)")).hasMessageContaining("lower bound is above");
        assertThatThrownBy(() -> SdkRange.parse("[1.x,2.0)")).hasMessageContaining("not a version");
        assertThatThrownBy(() -> SdkRange.parse("[,2.0)")).hasMessageContaining("open end");
        assertThatThrownBy(() -> SdkRange.parse("(1.0)")).hasMessageContaining("single version");
    }
}
