package dev.operon.core.models;

/** CDI event: the champion of {@code modelType} changed; observed after the transaction commits. */
record ChampionChanged(String modelType) {
}
