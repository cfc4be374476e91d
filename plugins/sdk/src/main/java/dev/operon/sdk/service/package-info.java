/**
 * Typed services between plugins (since SDK 1.4): a plugin offers an implementation of an interface that lives in
 * the SDK ({@link dev.operon.sdk.OperonPlugin#services()}), another finds it through its context
 * ({@code context.services().find(Recommendations.class)}). Neither depends on the other; an absent service is an
 * empty answer, not an error. See ADR 0016.
 */
package dev.operon.sdk.service;
