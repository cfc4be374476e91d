/** Offline command line tools offered by plugins. */
package dev.operon.sdk.cli;
