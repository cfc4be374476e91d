package dev.operon.sdk.demo;

/**
 * Fills a plugin's own tables with demo data in a demo workspace ({@code ./operon serve --demo}), after the platform
 * has stored the synthetic shop's events and built its profiles, and before it triggers each plugin's scheduled
 * task types once (so trainings run on the seeded data). Returned by {@code OperonPlugin.demo()} (since SDK 1.2,
 * additive).
 *
 * <p>The platform calls it once per demo workspace, never in a real one. Write through the context only; draw every
 * random choice from {@link DemoContext#random()} so that the same workspace comes out the same each time. A seeder
 * that throws is reported and skipped; the rest of the demo goes on.
 */
@FunctionalInterface
public interface DemoSeeder {

    void seed(DemoContext context) throws Exception;
}
