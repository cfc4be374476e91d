package dev.operon.sdk.demo;

/**
 * Work a demo seeder asks to be done in its plugin's turn of the demo's chain ({@link DemoContext#afterSeeding}),
 * once the runs before it have ended: calls of the plugin's own operations, each answer at hand for the next call
 * (serve a list, then record that it was seen). Since SDK 1.9.
 */
@FunctionalInterface
public interface DemoStep {

    /** Does the step's work; an exception ends the step, which the seeding's record names, and the chain goes on. */
    void run(DemoCalls calls) throws Exception;
}
