/**
 * Demo data for the platform's demo workspace ({@code ./operon serve --demo}): a plugin returns a
 * {@link dev.operon.sdk.demo.DemoSeeder} from {@code OperonPlugin.demo()} to add its own data (a catalogue, support
 * messages, a draft campaign) to the synthetic shop the platform generates.
 */
package dev.operon.sdk.demo;
