package dev.operon.plugins.marketing.panels;

import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import dev.operon.sdk.panel.Widget.Column;
import java.util.List;

/** The console pages: campaigns (list and editor), experiments (results and charts), suppressions. */
public final class MarketingPanels {

    private MarketingPanels() {
    }

    public static List<Panel> all() {
        return List.of(
                Panel.of("campaigns", "Campaigns",
                        new Widget.Text("Campaigns are written as **drafts**, approved by **another operator**, then"
                                + " scheduled. *Kill* stops one at once; the configuration key `sending-enabled`"
                                + " stops them all. Try *Dry run* before scheduling."),
                        new Widget.Table("Campaigns", "list-campaigns", List.of(
                                new Column("id", "Id", true), new Column("name", "Name", true),
                                new Column("status", "Status", true), new Column("channel", "Channel", true),
                                new Column("schedule", "Schedule", true), new Column("segmentName", "Segment", true),
                                new Column("segmentId", "Segment ID", true),
                                new Column("createdBy", "Author", true), new Column("approvedBy", "Approved by", true),
                                new Column("sent", "Sent", true), new Column("pending", "Pending", true),
                                new Column("holdout", "Holdout", true), new Column("winner", "Winner", false),
                                new Column("target", "Target", true)))
                        .whenEmpty("No campaigns yet. Create a draft with the form on this panel; a different "
                                + "operator approves it before it can be scheduled."),
                        new Widget.TimeSeries("Messages per hour, every campaign (14 days)", "sends-over-time", "at",
                                List.of("sent", "failed", "bounced", "skipped"))
                        .whenEmpty("Nothing sent in the last 14 days. Approve and schedule a campaign; the task "
                                + "marketing.dispatch sends it."),
                        new Widget.Form("New campaign", "create-campaign"),
                        new Widget.Form("Edit a campaign", "update-campaign"),
                        new Widget.Form("Target: everyone, or only users with a positive predicted uplift",
                                "set-campaign-target"),
                        new Widget.Form("Dry run", "dry-run"),
                        new Widget.Form("Approve", "approve-campaign"),
                        new Widget.Form("Schedule", "schedule-campaign"),
                        new Widget.Form("Kill", "kill-campaign")),
                Panel.of("experiments", "Experiments",
                        new Widget.Text("Variants against the **holdout** (or the first variant without one):"
                                + " two-proportion z-test, Bayesian probability to beat the control, and the uplift"
                                + " of treated over holdout with its 95 % confidence interval."),
                        new Widget.Form("Results of a campaign", "experiment-results"),
                        new Widget.Form("Sends and conversions per hour of a campaign", "campaign-activity"),
                        new Widget.TimeSeries("Messages per hour, every campaign (14 days)", "sends-over-time", "at",
                                List.of("sent", "failed"))
                        .whenEmpty("Nothing sent in the last 14 days. Approve and schedule a campaign on the "
                                + "Campaigns panel; the task marketing.dispatch sends it.")),
                Panel.of("journeys", "Journeys",
                        new Widget.Text("Users **enter** on an event, then walk the steps: *send* (a campaign with"
                                + " schedule `journey`, under every guardrail), *wait*, *condition* (did an event"
                                + " happen within a window), *split*, *exit*; the **goal** event ends the journey"
                                + " for a user at once. Activate once every send step's campaign is scheduled."),
                        new Widget.Table("Journeys", "list-journeys", List.of(
                                new Column("id", "Id", true), new Column("name", "Name", true),
                                new Column("status", "Status", true), new Column("entryEvent", "Entry", true),
                                new Column("goalEvent", "Goal", true), new Column("createdBy", "Author", true)))
                        .whenEmpty("No journeys yet. Create one with the form on this panel."),
                        new Widget.Form("Journey view: users per step", "journey-view"),
                        new Widget.Form("New journey", "create-journey"),
                        new Widget.Form("Activate", "activate-journey"),
                        new Widget.Form("Stop", "stop-journey")),
                Panel.of("suppressions", "Suppression list",
                        new Widget.Table("Suppressed users", "list-suppressions", List.of(
                                new Column("profileId", "Profile", true), new Column("channel", "Channel", true),
                                new Column("reason", "Reason", true), new Column("at", "Since", true)))
                        .whenEmpty("Nobody is suppressed. Users land here when they unsubscribe, bounce or are "
                                + "added with the form below."),
                        new Widget.Form("Suppress a user", "suppress"),
                        new Widget.Form("Record a bounce", "record-bounce")));
    }
}
