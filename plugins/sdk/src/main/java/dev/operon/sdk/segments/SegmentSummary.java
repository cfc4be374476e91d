package dev.operon.sdk.segments;

/**
 * One segment as other plugins see it. Since SDK 1.9.
 *
 * @param id   its id, as segment events carry it in {@code properties.segment_id} and other plugins store it
 * @param name its name, for people
 * @param size its members at its last refresh
 */
public record SegmentSummary(String id, String name, long size) {
}
