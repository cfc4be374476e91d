package dev.operon.core.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each configuration type's check, and messages that never repeat the value. */
class ConfigValuesTest {

    private static ConfigProperty of(ConfigType type) {
        return ConfigProperty.of("key", type, null, "");
    }

    @Test
    void valuesAreCheckedByType() {
        assertThat(ConfigValues.problem(of(ConfigType.INTEGER), "12")).isEmpty();
        assertThat(ConfigValues.problem(of(ConfigType.INTEGER), "1.5")).contains("must be a whole number");
        assertThat(ConfigValues.problem(of(ConfigType.DECIMAL), "1.5")).isEmpty();
        assertThat(ConfigValues.problem(of(ConfigType.DECIMAL), "NaN")).contains("must be a finite number");
        assertThat(ConfigValues.problem(of(ConfigType.BOOLEAN), "TRUE")).isEmpty();
        assertThat(ConfigValues.problem(of(ConfigType.BOOLEAN), "yes")).contains("must be true or false");
        assertThat(ConfigValues.problem(of(ConfigType.DURATION), "90s")).isEmpty();
        assertThat(ConfigValues.problem(of(ConfigType.DURATION), "PT1M")).isEmpty();
        assertThat(ConfigValues.problem(of(ConfigType.DURATION), "soon")).isPresent();
        assertThat(ConfigValues.problem(of(ConfigType.URL), "smtp://mail.example.test:25")).isEmpty();
        assertThat(ConfigValues.problem(of(ConfigType.URL), "mail.example.test")).isPresent();
        assertThat(ConfigValues.problem(of(ConfigType.URL), "http://bad host/")).isPresent();
        assertThat(ConfigValues.problem(of(ConfigType.STRING), "anything")).isEmpty();
    }

    @Test
    void boundsEnumsAndRequiredKeys() {
        ConfigProperty bounded = ConfigProperty.of("size", ConfigType.INTEGER, "5", "").between(1, 10);
        assertThat(ConfigValues.problem(bounded, "0")).contains("must be at least 1");
        assertThat(ConfigValues.problem(bounded, "11")).contains("must be at most 10");
        ConfigProperty decimal = ConfigProperty.of("rate", ConfigType.DECIMAL, null, "").between(0.5, 1.5);
        assertThat(ConfigValues.problem(decimal, "2")).contains("must be at most 1.5");
        ConfigProperty mode = ConfigProperty.oneOf("mode", List.of("a", "b"), "a", "");
        assertThat(ConfigValues.problem(mode, "c")).contains("must be one of a, b");
        ConfigProperty required = ConfigProperty.required("host", ConfigType.STRING, "");
        assertThat(ConfigValues.problem(required, null)).contains("required, not set");
        assertThat(ConfigValues.problem(required, "  ")).contains("required, not set");
        assertThat(ConfigValues.problem(of(ConfigType.INTEGER), null)).isEmpty();
    }

    @Test
    void aSecretIsNeverEchoed() {
        ConfigProperty number = ConfigProperty.of("pin", ConfigType.INTEGER, null, "");
        assertThat(ConfigValues.problem(number, "s3cr3t-value").orElseThrow()).doesNotContain("s3cr3t");
        assertThat(ConfigValues.problem(of(ConfigType.DURATION), "s3cr3t").orElseThrow()).doesNotContain("s3cr3t");
    }

    @Test
    void durationsParseInBothForms() {
        assertThat(ConfigValues.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigValues.parseDuration(" 2h ")).isEqualTo(Duration.ofHours(2));
        assertThat(ConfigValues.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ConfigValues.parseDuration("pt30s")).isEqualTo(Duration.ofSeconds(30));
    }
}
