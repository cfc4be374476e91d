package dev.operon.plugins.behaviour.personas;

/**
 * The persona a user is closest to.
 *
 * @param persona  the persona number (0-based)
 * @param label    its label
 * @param distance distance from the persona's centre in the embedding space
 */
public record PersonaAssignment(int persona, String label, double distance) {
}
