package dev.operon.plugins.marketing.journeys;

import java.util.List;

/**
 * A journey as an operator writes it.
 *
 * @param entryEvent     users enter when this event happens to them (after the journey is activated), once each
 * @param entrySegmentId with entry event {@code Segment Entered}: only entries into this segment
 * @param goalEvent      a user who does this after entering leaves the journey (status {@code goal})
 * @param steps          the first step is where users start
 */
public record JourneyInput(String name, String entryEvent, String entrySegmentId, String goalEvent,
                           List<Step> steps) {

    /**
     * One step.
     *
     * @param type       send (campaign, then next), wait (duration, then next), condition (did event happen within
     *                   the window after reaching the step: yes, else no once the window is over), split (branches
     *                   by percent), exit
     * @param campaignId send: an approved campaign with schedule {@code journey} (its variants, holdout and guardrails)
     * @param duration   wait: ISO duration such as {@code P2D}
     * @param within     condition: ISO duration
     */
    public record Step(String id, String type, Long campaignId, String duration, String event, String within,
                       String next, String yes, String no, List<Branch> branches) {
    }

    /** A branch of a split: this share of the users (by a hash of the user) goes to {@code next}. */
    public record Branch(double percent, String next) {
    }
}
