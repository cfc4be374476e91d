package dev.operon.plugins.recommend.panels;

import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import java.util.List;

/** The console pages: try it, models, online results, catalogue. */
public final class RecommendPanels {

    private RecommendPanels() {
    }

    public static List<Panel> all() {
        return List.of(
                Panel.of("try-it", "Recommendations: try it",
                        new Widget.Text("Pick a user (user id, anonymous id or profile id) and see what"
                                + " **recommend** would answer now, with the reason of each item. Nothing is"
                                + " recorded. New users get the popular list of their segment."),
                        new Widget.Kpi("Champion NDCG@10 (validation)", "recommend-status", "championNdcg10", ""),
                        new Widget.Kpi("CTR, last 7 days", "recommend-status", "ctr7Days", ""),
                        new Widget.Kpi("Items in the catalogue", "recommend-status", "catalogueItems", ""),
                        new Widget.Form("Recommendations for a user", "preview-recommendations"),
                        new Widget.Form("Similar items", "similar"),
                        new Widget.Form("Which A/B variant does a user get?", "assignment")),
                Panel.of("models", "Recommendation models",
                        new Widget.Text("Every trained version with its metrics on the validation split carved"
                                + " from the training data. Each kind's champion is promoted only when it beats"
                                + " the previous one; **championOfAll** marks the version serving (best"
                                + " NDCG@10 across kinds)."),
                        new Widget.Table("Leaderboard", "model-leaderboard", List.of(
                                new Widget.Column("model", "Model", true),
                                new Widget.Column("version", "Version", true),
                                new Widget.Column("stage", "Stage", true),
                                new Widget.Column("championOfAll", "Serving", true),
                                new Widget.Column("ndcg10", "NDCG@10", true),
                                new Widget.Column("recall10", "Recall@10", true),
                                new Widget.Column("mrr10", "MRR@10", true),
                                new Widget.Column("hit10", "Hit@10", true),
                                new Widget.Column("createdAt", "Trained", true)))
                        .whenEmpty("No trained model yet. Run the task recommend.train (Tasks, Run now) once "
                                + "interaction events have arrived.")),
                Panel.of("online", "Online results",
                        new Widget.Text("From **recommend.feedback-aggregate** (every 15 minutes): impressions"
                                + " and clicks carry the recommendation id, so each is counted for the model and"
                                + " A/B variant that served the list."),
                        new Widget.TimeSeries("CTR per day", "online-ctr", "at",
                                List.of("ctr", "ctrA", "ctrB", "ctrHoldout", "ctrDefault"))
                        .whenEmpty("No impressions yet. Send impression and click events carrying the recommendation "
                                + "id that recommend() returned."),
                        new Widget.Table("A/B report (last 14 days)", "experiment-report", List.of(
                                new Widget.Column("variant", "Variant", true),
                                new Widget.Column("models", "Models", false),
                                new Widget.Column("served", "Served", true),
                                new Widget.Column("impressions", "Impressions", true),
                                new Widget.Column("clicks", "Clicks", true),
                                new Widget.Column("ctr", "CTR", true),
                                new Widget.Column("liftVsHoldout", "Lift vs holdout", true),
                                new Widget.Column("zVsHoldout", "z vs holdout", true)))
                        .whenEmpty("No A/B results yet. Turn the split on (configuration key ab-enabled) and send "
                                + "impression and click events carrying the recommendation id; the task "
                                + "recommend.feedback-aggregate counts them."),
                        new Widget.Table("Per day, model and variant", "online-metrics", List.of(
                                new Widget.Column("day", "Day", true),
                                new Widget.Column("model", "Model", true),
                                new Widget.Column("variant", "Variant", true),
                                new Widget.Column("served", "Served", true),
                                new Widget.Column("impressions", "Impressions", true),
                                new Widget.Column("clicks", "Clicks", true),
                                new Widget.Column("ctr", "CTR", true),
                                new Widget.Column("coverage", "Coverage", true),
                                new Widget.Column("novelty", "Novelty (bits)", true)))
                        .whenEmpty("No daily figures yet. The task recommend.feedback-aggregate computes them "
                                + "from impression and click events (every 15 minutes).")),
                Panel.of("catalogue", "Item catalogue",
                        new Widget.Table("Items", "list-items", List.of(
                                new Widget.Column("itemId", "Item", true),
                                new Widget.Column("title", "Title", true),
                                new Widget.Column("category", "Category", true),
                                new Widget.Column("price", "Price", true),
                                new Widget.Column("available", "Available", true),
                                new Widget.Column("updatedAt", "Updated", true)))
                        .whenEmpty("No catalogue items yet. Add items with the form, or import a CSV or JSON Lines "
                                + "file with the import form."),
                        new Widget.Form("Add or change an item", "upsert-item"),
                        new Widget.Form("Import items (CSV or JSON Lines)", "import-items"),
                        new Widget.Form("Delete an item", "delete-item")));
    }
}
