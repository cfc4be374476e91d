/**
 * The segments one plugin keeps and others name (since SDK 1.9): {@link dev.operon.sdk.segments.Segments}.
 */
package dev.operon.sdk.segments;
