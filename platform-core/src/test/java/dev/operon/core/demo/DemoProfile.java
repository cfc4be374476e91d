package dev.operon.core.demo;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A demo workspace (as {@code serve --demo} makes it), small, seeded by the test itself; its own fresh database. */
public class DemoProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // two recommender kinds instead of seven: the seeding waits for the demo's runs, and the blend and the
        // Transformer add half a minute without testing anything more about the demo
        return Map.of("operon.core.demo.enabled", "true", "operon.core.demo.users", "80",
                "operon.core.demo.weeks", "6", "operon.core.demo.seed-at-start", "false",
                "operon.plugin.recommend.models", "popularity,ease");
    }
}
