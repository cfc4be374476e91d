package dev.operon.plugins.behaviour.segments;

import java.util.List;

/**
 * What one refresh did.
 *
 * @param mode              {@code full} (every profile) or {@code incremental}
 * @param why               why this mode was chosen
 * @param profilesEvaluated profiles whose memberships were recomputed
 * @param eventsRead        events read to count the rules' event measures
 * @param entered           memberships gained
 * @param exited            memberships lost
 * @param eventsEmitted     {@code Segment Entered} / {@code Segment Exited} events appended
 * @param seconds           wall time
 * @param segments          each segment's size afterwards
 */
public record RefreshResult(String mode, String why, long profilesEvaluated, long eventsRead, long entered,
                            long exited, long eventsEmitted, double seconds, List<SegmentSize> segments) {

    /** A segment's size after the refresh. */
    public record SegmentSize(long id, String name, long size) {
    }
}
