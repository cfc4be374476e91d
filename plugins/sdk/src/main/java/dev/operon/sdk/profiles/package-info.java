/** End-user profiles: identity, traits, computed features, consent, and scores written by plugins. */
package dev.operon.sdk.profiles;
