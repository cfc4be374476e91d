package dev.operon.plugins.behaviour.panels;

import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import java.util.List;

/** The console pages of segments, profile lookup, churn risk, CLV and personas. */
public final class BehaviourPanels {

    private BehaviourPanels() {
    }

    public static List<Panel> all() {
        return List.of(
                Panel.of("segments", "Segments",
                        new Widget.Text("Segments are JSON rules over traits, events and features (see the plugin's"
                                + " README). Members are recomputed by **behaviour.segments-refresh**; entering and"
                                + " leaving emit `Segment Entered` / `Segment Exited` events."),
                        new Widget.Table("Segments", "list-segments", List.of(
                                new Widget.Column("id", "ID", true),
                                new Widget.Column("name", "Name", true),
                                new Widget.Column("size", "Members", true),
                                new Widget.Column("refreshedAt", "Refreshed", true),
                                new Widget.Column("rule", "Rule", false)))
                        .whenEmpty("No segments yet. Create one with the form on this panel; the rule language is "
                                + "described in the behaviour plugin's README."),
                        new Widget.Form("Preview a rule (live size)", "segment-preview"),
                        new Widget.Form("Create a segment", "create-segment"),
                        new Widget.Form("Change a segment", "update-segment"),
                        new Widget.Form("Delete a segment", "delete-segment"),
                        new Widget.TimeSeries("Members over time (all segments)", "segment-size-history", "at",
                                List.of("size"))
                        .whenEmpty("No sizes recorded yet. The task behaviour.segments-refresh records them at "
                                + "each refresh (Tasks, Run now, or the Refresh now form below)."),
                        new Widget.Table("Members", "segment-members", List.of(
                                new Widget.Column("segmentId", "Segment", true),
                                new Widget.Column("profileId", "Profile", true),
                                new Widget.Column("userId", "User", true),
                                new Widget.Column("enteredAt", "Since", true)))
                        .whenEmpty("No members yet. Create a segment, then refresh it (the Refresh now form, or the "
                                + "task behaviour.segments-refresh)."),
                        new Widget.Table("Entered and exited", "segment-changes", List.of(
                                new Widget.Column("at", "When", true),
                                new Widget.Column("segmentName", "Segment", true),
                                new Widget.Column("profileId", "Profile", true),
                                new Widget.Column("change", "Change", true),
                                new Widget.Column("reason", "Why", true)))
                        .whenEmpty("No entries or exits yet. They are recorded when a refresh changes a segment's "
                                + "members."),
                        new Widget.Form("Refresh now", "refresh-segments")),
                Panel.of("profile-lookup", "Profile lookup",
                        new Widget.Form("Find a profile by user id, anonymous id or profile id", "profile-lookup")),
                Panel.of("churn-risk", "Churn risk",
                        new Widget.Table("Highest churn risk", "churn-risk", List.of(
                                new Widget.Column("userId", "User", true),
                                new Widget.Column("score", "Churn probability", true),
                                new Widget.Column("topFeatures", "Main reasons", false)))
                        .whenEmpty("No churn scores yet. Run the task behaviour.churn-train (Tasks, Run now), then "
                                + "behaviour.churn-score.")),
                Panel.of("clv", "Customer lifetime value",
                        new Widget.Table("Highest expected value", "clv-table", List.of(
                                new Widget.Column("userId", "User", true),
                                new Widget.Column("expectedPurchases", "Expected purchases", true),
                                new Widget.Column("expectedValue", "Expected value", true)))
                        .whenEmpty("No lifetime values yet. Run the task behaviour.clv-fit (Tasks, Run now) once "
                                + "purchases with a revenue property have arrived.")),
                Panel.of("personas", "Personas",
                        new Widget.Text("Personas are learnt by **behaviour.personas-train** from event sequences;"
                                + " each profile carries its persona under the score `behaviour.persona`."),
                        new Widget.Table("Personas", "list-personas", List.of(
                                new Widget.Column("persona", "#", true),
                                new Widget.Column("label", "Persona", true),
                                new Widget.Column("size", "Users", true),
                                new Widget.Column("topEvents", "Top events", false)))
                        .whenEmpty("No personas yet. Run the task behaviour.personas-train (Tasks, Run now) once "
                                + "users have event histories.")));
    }
}
