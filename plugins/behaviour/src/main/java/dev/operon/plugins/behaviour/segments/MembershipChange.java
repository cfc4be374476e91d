package dev.operon.plugins.behaviour.segments;

/**
 * A profile entering or leaving a segment, found by a refresh.
 *
 * @param segmentId   the segment
 * @param segmentName its name at the time
 * @param profileId   the profile
 * @param entered     true for entered, false for exited
 * @param reason      {@code rule} (the rule's answer changed), {@code consent} (analytics consent withdrawn) or
 *                    {@code gone} (the profile no longer exists, was merged into another or erased)
 */
public record MembershipChange(long segmentId, String segmentName, long profileId, boolean entered, String reason) {
}
