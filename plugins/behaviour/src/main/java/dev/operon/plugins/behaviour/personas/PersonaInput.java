package dev.operon.plugins.behaviour.personas;

import java.util.List;

/** A user's event names in time order, to place among the personas. */
public record PersonaInput(List<String> events) {
}
