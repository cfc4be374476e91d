package dev.operon.plugins.cs.panels;

import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import dev.operon.sdk.panel.Widget.Column;
import java.util.List;

/** The console pages: inbox, conversation, knowledge base, model metrics. */
public final class CsPanels {

    private CsPanels() {
    }

    public static List<Panel> all() {
        return List.of(
                Panel.of("inbox", "Support inbox",
                        new Widget.Text("Open conversations, urgent first, then oldest. Timers are minutes left to"
                                + " the SLA (negative: overdue). Conversations wait unassigned while every operator"
                                + " is at capacity."),
                        new Widget.Table("Open conversations", "inbox", List.of(
                                new Column("id", "Id", true), new Column("channel", "Channel", true),
                                new Column("state", "State", true), new Column("intent", "Intent", true),
                                new Column("confidence", "Confidence", true), new Column("urgent", "Urgent", true),
                                new Column("angry", "Angry", true), new Column("operator", "Operator", true),
                                new Column("firstResponseMinutesLeft", "First response (min)", true),
                                new Column("resolutionMinutesLeft", "Resolution (min)", true),
                                new Column("breached", "Breached", true),
                                new Column("handoffReason", "Why a human", false)))
                        .whenEmpty("No open conversations. Messages arrive through the cs plugin's inbound operation "
                                + "or its webhook."),
                        new Widget.Table("Operators", "operators", List.of(
                                new Column("name", "Operator", true), new Column("open", "Open", true),
                                new Column("capacity", "Capacity", true), new Column("active", "Active", true)))
                        .whenEmpty("No support operators yet. Add one with the cs plugin's operation put-operator "
                                + "(POST /api/v1/plugins/cs/operations/put-operator: name, capacity)."),
                        new Widget.Form("Assign", "assign")),
                Panel.of("conversation", "Conversation",
                        new Widget.Text("Open a conversation to see its messages, the suggested articles and the"
                                + " canned responses for its intent; reply, apply a macro, correct the intent (it"
                                + " becomes training data) or resolve."),
                        new Widget.Form("Open a conversation", "conversation"),
                        new Widget.Form("Reply", "reply"),
                        new Widget.Form("Apply a canned response or macro", "apply-macro"),
                        new Widget.Form("Correct the intent", "correct-intent"),
                        new Widget.Form("Resolve", "resolve"),
                        new Widget.Table("Canned responses and macros", "canned-responses", List.of(
                                new Column("name", "Name", true), new Column("intent", "Intent", true),
                                new Column("resolve", "Resolves", true), new Column("text", "Text", false)))
                        .whenEmpty("No canned responses yet. Add one with the form on the Knowledge base panel.")),
                Panel.of("knowledge-base", "Knowledge base",
                        new Widget.Table("Articles", "articles", List.of(
                                new Column("id", "Id", true), new Column("title", "Title", true),
                                new Column("intent", "Intent", true), new Column("language", "Language", true),
                                new Column("updatedAt", "Updated", true)))
                        .whenEmpty("No knowledge-base articles yet. Add one with the form, or import a folder of "
                                + "markdown files."),
                        new Widget.Form("Write or edit an article", "put-article"),
                        new Widget.Form("Import Markdown", "import-articles"),
                        new Widget.Form("Delete an article", "delete-article"),
                        new Widget.Form("Try a search", "search-articles"),
                        new Widget.Form("Add or change a canned response", "put-canned-response")),
                Panel.of("model", "Intent model",
                        new Widget.Kpi("Champion version", "model-metrics", "championVersion", ""),
                        new Widget.Kpi("Validation accuracy", "model-metrics", "championAccuracy", ""),
                        new Widget.Kpi("Training examples", "model-metrics", "trainingExamples", ""),
                        new Widget.Kpi("Operator corrections", "model-metrics", "corrections", ""),
                        new Widget.Kpi("Automatic replies", "model-metrics", "automaticReplies", ""),
                        new Widget.Kpi("CSAT average", "model-metrics", "csatAverage", "/ 5"),
                        new Widget.Text("Confusion matrix of the latest training on its validation rows, as pairs:"
                                + " mistakes first. Retrain with the task **cs.intent-train**."),
                        new Widget.Table("Confusions", "confusion-matrix", List.of(
                                new Column("trueIntent", "True intent", true),
                                new Column("predictedIntent", "Predicted", true),
                                new Column("count", "Messages", true), new Column("correct", "Correct", true)))
                        .whenEmpty("No training yet. Run the task cs.intent-train (Tasks, Run now) once labelled "
                                + "messages exist."),
                        new Widget.Form("Add training examples", "add-training-examples")));
    }
}
