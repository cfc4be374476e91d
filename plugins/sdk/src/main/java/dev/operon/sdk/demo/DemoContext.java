package dev.operon.sdk.demo;

import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profiles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a {@link DemoSeeder} works with: the plugin's own tables, the shop's events and profiles (already stored),
 * the shop's catalogue (the products its events name in {@code properties.product_id}), a random source seeded for
 * this plugin, and the demo's clock.
 */
public interface DemoContext {

    /** The plugin's own tables (its migrations have run). */
    PluginData data();

    /** The shop's events; {@code track} adds events for a profile. */
    Events events();

    /** The shop's end-user profiles, with traits such as {@code persona}, {@code plan} and {@code country}. */
    Profiles profiles();

    /** Seeded from the demo seed and the plugin id: the same demo gives the same choices. */
    Random random();

    /** The end of the generated history: the seeding's start. */
    Instant now();

    /** The products of the shop, as its events name them. */
    List<DemoProduct> catalogue();

    /**
     * Asks the platform to run one of this plugin's task types once after every plugin has seeded (for example a
     * training that has no default schedule), with {@code parameters} as its input. Task types with a default
     * schedule run anyway. Since SDK 1.3 (additive); a platform before it ignores the request.
     */
    default void runAfterSeeding(String taskTypeId, Map<String, Object> parameters) {
    }

    /** A line for the platform's log and the demo's progress. */
    default void log(String message) {
    }
}
