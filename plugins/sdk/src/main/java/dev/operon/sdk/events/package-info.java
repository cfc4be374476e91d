/** Read access to the events users produced, and appending events on a plugin's behalf. */
package dev.operon.sdk.events;
