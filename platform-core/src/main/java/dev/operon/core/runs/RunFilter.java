package dev.operon.core.runs;

/** Which runs to list: any field may be null; {@code limit} is 1 to 500. */
public record RunFilter(Long taskId, RunState state, String type, Long beforeId, int limit) {
}
