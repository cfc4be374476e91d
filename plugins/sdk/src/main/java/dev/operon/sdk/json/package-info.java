/**
 * A small JSON reader and writer for plugins (since SDK 1.6), which see only the SDK at run time: see
 * {@link dev.operon.sdk.json.Json}.
 */
package dev.operon.sdk.json;
