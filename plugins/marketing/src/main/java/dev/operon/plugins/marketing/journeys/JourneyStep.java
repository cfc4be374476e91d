package dev.operon.plugins.marketing.journeys;

import java.util.List;

/**
 * A stored step.
 *
 * @param seconds wait: the duration; condition: the window
 */
public record JourneyStep(String id, String kind, Long campaignId, Long seconds, String event, String next,
                          String yes, String no, List<JourneyInput.Branch> branches) {

    /** The steps this one can lead to. */
    public List<String> targets() {
        return switch (kind) {
            case "condition" -> List.of(yes, no);
            case "split" -> branches.stream().map(JourneyInput.Branch::next).toList();
            case "exit" -> List.of();
            default -> List.of(next);
        };
    }

    /** The branch a user goes down, from a number in [0, 100) that is fixed for the user and step. */
    public String branchFor(double point) {
        double upTo = 0;
        for (JourneyInput.Branch b : branches) {
            upTo += b.percent();
            if (point < upTo) {
                return b.next();
            }
        }
        return branches.get(branches.size() - 1).next();
    }
}
