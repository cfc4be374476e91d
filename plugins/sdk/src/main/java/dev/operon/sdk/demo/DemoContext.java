package dev.operon.sdk.demo;

import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * The shop's users by their user ids (profiles that have one), in profile order: the customers a seeder has
     * write in, the shoppers it serves. Since SDK 1.9.
     */
    default List<String> userIds() {
        List<String> ids = new ArrayList<>();
        profiles().forEach(ProfileQuery.all(), profile -> {
            if (profile.userId() != null) {
                ids.add(profile.userId());
            }
        });
        return ids;
    }

    /** The end of the generated history: the seeding's start. */
    Instant now();

    /** The products of the shop, as its events name them. */
    List<DemoProduct> catalogue();

    /**
     * Asks the platform to run one of this plugin's task types once after every plugin has seeded (for example a
     * training that has no default schedule), with {@code parameters} as its input. Task types with a default
     * schedule run anyway. Since SDK 1.3 (additive); a platform before it ignores the request.
     *
     * <p>Since SDK 1.8 the platform runs a plugin's demo runs one after another, each when the one before it has
     * ended: first its task types with a default schedule, in the order of {@code tasks()}, then these, in the order
     * asked. List a plugin's tasks in the order a fresh workspace needs them (a training before its scoring).
     */
    default void runAfterSeeding(String taskTypeId, Map<String, Object> parameters) {
    }

    /**
     * Sets one of this plugin's own configuration keys in the demo workspace, as an operator would on the plugin's
     * page: validated against the plugin's declared keys, and audited. For values that suit the demo's few weeks of
     * history (a shorter churn horizon, say), so that its scheduled tasks work there too. A real workspace never
     * sees them. Since SDK 1.8 (additive); a platform before it ignores the request.
     *
     * @param key   one of the plugin's declared keys (without the {@code operon.plugin.<id>.} prefix)
     * @param value the value as text; null removes the workspace's value
     * @throws IllegalArgumentException when the key is unknown or the value does not fit it
     */
    default void configure(String key, String value) {
    }

    /**
     * Asks the platform to run {@code step} when the plugin's demo runs reach this point: after the runs before it
     * (its scheduled task types, then those asked for earlier) have ended, so that a model they train is there to use.
     * The step calls the plugin's own operations through {@link DemoCalls}, each answer at hand for the next call,
     * the way an operator's calls go: validated, an action audited, as the demo's actor. For demo data that must go
     * through the plugin's own path with a trained model: customer messages that are classified and then answered or
     * handed off, lists served and then seen and clicked. A step that fails is logged and named in the seeding's audit
     * record; the steps after it still happen. Since SDK 1.9 (additive); a platform before it ignores the request.
     *
     * @param name what the step does, for the seeding's record and log
     */
    default void afterSeeding(String name, DemoStep step) {
    }

    /**
     * Asks for one call of one of this plugin's operations in its turn of the demo's chain: {@link #afterSeeding}
     * with a step that makes that call, named after the operation. Since SDK 1.9.
     *
     * @param operation the name of one of this plugin's operations
     * @param input     its input: the input record, or anything that becomes it through JSON (a map of the same shape)
     */
    default void callAfterSeeding(String operation, Object input) {
        afterSeeding(operation, calls -> calls.call(operation, input));
    }

    /** A line for the platform's log and the demo's progress. */
    default void log(String message) {
    }
}
