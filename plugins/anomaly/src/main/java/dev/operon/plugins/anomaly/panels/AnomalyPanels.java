package dev.operon.plugins.anomaly.panels;

import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import java.util.List;

/** The console pages: incidents over a series chart, series and rules, silences. */
public final class AnomalyPanels {

    private AnomalyPanels() {
    }

    public static List<Panel> all() {
        return List.of(incidents(), series(), silences());
    }

    private static Panel incidents() {
        return Panel.of("incidents", "Anomaly incidents",
                new Widget.Text("Incidents raised by the alert rules on scored series. The chart shows the series of"
                        + " the newest incident: its values with incidents drawn over them, then the anomaly"
                        + " likelihood of each point with, as 1, the time an incident was active. Acknowledge, resolve and give feedback below; feedback moves"
                        + " that series' sensitivity (false positive: less sensitive; confirmed: more)."),
                new Widget.Kpi("Open incidents", "incident-counts", "open", ""),
                new Widget.Kpi("Acknowledged", "incident-counts", "acknowledged", ""),
                new Widget.TimeSeries("Series values, incidents drawn over them", "series-chart", "time",
                        List.of("value", "incidentValue"))
                        .whenEmpty("No points yet. Push points to POST /api/v1/metrics/{name}/points or derive a "
                                + "series from events (Metric series and rules panel); the task anomaly.score scores "
                                + "them."),
                new Widget.TimeSeries("Anomaly likelihood and incidents (1 while active)", "series-chart", "time",
                        List.of("score", "incident"))
                        .whenEmpty("No scores yet. The task anomaly.score scores new points of every series (Tasks, "
                                + "Run now)."),
                new Widget.Table("Incidents", "list-incidents", List.of(
                        new Widget.Column("id", "Id", true),
                        new Widget.Column("state", "State", true),
                        new Widget.Column("severity", "Severity", true),
                        new Widget.Column("series", "Series", true),
                        new Widget.Column("rule", "Rule", true),
                        new Widget.Column("startedAt", "Started", true),
                        new Widget.Column("lastAnomalousAt", "Last anomalous", true),
                        new Widget.Column("peakScore", "Peak likelihood", true),
                        new Widget.Column("silenced", "Silenced", true),
                        new Widget.Column("feedback", "Feedback", true)))
                        .whenEmpty("No incidents. One opens when a series crosses an alert rule's likelihood "
                                + "threshold for the rule's duration: add rules in the Alert rules panel."),
                new Widget.Form("Acknowledge", "acknowledge-incident"),
                new Widget.Form("Resolve", "resolve-incident"),
                new Widget.Form("Feedback: false positive or confirmed", "incident-feedback"),
                new Widget.Table("Notifications", "list-notifications", List.of(
                        new Widget.Column("incidentId", "Incident", true),
                        new Widget.Column("transition", "Transition", true),
                        new Widget.Column("channel", "Channel", true),
                        new Widget.Column("recipient", "Recipient", false),
                        new Widget.Column("state", "State", true),
                        new Widget.Column("attempts", "Attempts", true),
                        new Widget.Column("lastError", "Last error", false)))
                        .whenEmpty("Nothing sent yet. A notification goes out when an incident opens on a rule that "
                                + "names a channel."));
    }

    private static Panel series() {
        return Panel.of("series", "Metric series and rules",
                new Widget.Text("Series are pushed through `POST /api/v1/metrics/{name}/points` or derived from"
                        + " events. Each is scored online by its detector; sensitivity 1 is neutral."),
                new Widget.Table("Series", "list-series", List.of(
                        new Widget.Column("id", "Id", true),
                        new Widget.Column("name", "Name", true),
                        new Widget.Column("labels", "Labels", true),
                        new Widget.Column("source", "Source", true),
                        new Widget.Column("detector", "Detector", true),
                        new Widget.Column("sensitivity", "Sensitivity", true),
                        new Widget.Column("points", "Points", true),
                        new Widget.Column("scoredUntil", "Scored until", true),
                        new Widget.Column("activeIncidents", "Active incidents", true)))
                        .whenEmpty("No series yet. Push points to POST /api/v1/metrics/{name}/points, or derive a "
                                + "series from events with the form on this panel."),
                new Widget.Form("Detector settings of a series", "series-settings"),
                new Widget.Form("Derive a series from events", "define-derived-series"),
                new Widget.Table("Alert rules", "list-rules", List.of(
                        new Widget.Column("name", "Name", true),
                        new Widget.Column("seriesName", "Series", true),
                        new Widget.Column("labelMatch", "Labels", false),
                        new Widget.Column("threshold", "Threshold", true),
                        new Widget.Column("minDurationSeconds", "Min duration (s)", true),
                        new Widget.Column("severity", "Severity", true),
                        new Widget.Column("enabled", "Enabled", true),
                        new Widget.Column("targets", "Targets", false)))
                        .whenEmpty("No alert rules yet. Add one with the form on this panel: a series, a likelihood "
                                + "threshold, a minimum duration and a channel."),
                new Widget.Form("Save an alert rule", "save-rule"));
    }

    private static Panel silences() {
        return Panel.of("silences", "Silences and maintenance windows",
                new Widget.Text("Incidents that open while a silence or maintenance window matches their series are"
                        + " recorded, but nobody is told. Recurring windows: a five-field cron in a time zone opens"
                        + " a window of the given minutes."),
                new Widget.Table("Silences", "list-silences", List.of(
                        new Widget.Column("id", "Id", true),
                        new Widget.Column("kind", "Kind", true),
                        new Widget.Column("seriesName", "Series", true),
                        new Widget.Column("labelMatch", "Labels", false),
                        new Widget.Column("startsAt", "Starts", true),
                        new Widget.Column("endsAt", "Ends", true),
                        new Widget.Column("cron", "Cron", false),
                        new Widget.Column("durationMinutes", "Minutes", true),
                        new Widget.Column("timeZone", "Zone", true),
                        new Widget.Column("activeNow", "Active now", true),
                        new Widget.Column("comment", "Comment", false)))
                        .whenEmpty("No silences. Add one to mute a series during maintenance (one-off or recurring)."),
                new Widget.Form("Create a silence or maintenance window", "create-silence"),
                new Widget.Form("Delete a silence", "delete-silence"));
    }
}
