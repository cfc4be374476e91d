/**
 * The recommendation service one plugin offers and others use (since SDK 1.4): {@link
 * dev.operon.sdk.recommend.Recommendations}.
 */
package dev.operon.sdk.recommend;
