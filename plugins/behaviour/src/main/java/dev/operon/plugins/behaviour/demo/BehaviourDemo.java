package dev.operon.plugins.behaviour.demo;

import dev.operon.plugins.behaviour.churn.ChurnConfig;
import dev.operon.plugins.behaviour.segments.SegmentStore;
import dev.operon.plugins.behaviour.segments.rules.CompiledRule;
import dev.operon.plugins.behaviour.segments.rules.RuleCompiler;
import dev.operon.sdk.demo.DemoContext;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.json.Json;
import java.util.List;

/**
 * The demo shop's segments, written in the rule language an operator would use: big spenders, customers who stopped
 * coming, window shoppers who never bought, and the paying plan. The segment refresh (default schedule, run once by
 * the demo) fills them; marketing campaigns can aim at them. It also sets a churn horizon that fits the demo's few
 * weeks of history, so that the churn training and scoring the demo runs (and their weekly schedules) work there.
 */
public final class BehaviourDemo implements DemoSeeder {

    record DemoSegment(String name, String description, String rule) {
    }

    static final List<DemoSegment> SEGMENTS = List.of(
            new DemoSegment("Big spenders", "Spent 150 EUR or more in the shop",
                    "{\"feature\": \"monetary\", \"gte\": 150}"),
            new DemoSegment("Lapsing customers", "Bought before, not seen for two weeks",
                    "{\"all\": [{\"event\": \"Order Completed\"}, {\"feature\": \"days_since_last_seen\", \"gt\": 14}]}"),
            new DemoSegment("Window shoppers", "Viewed five products or more, never ordered",
                    "{\"all\": [{\"event\": \"Product Viewed\", \"count\": {\"gte\": 5}},"
                            + " {\"not\": {\"event\": \"Order Completed\"}}]}"),
            new DemoSegment("Plus plan", "Users on the paying plan", "{\"trait\": \"plan\", \"eq\": \"plus\"}"));

    /** Churn = no visit in a week: two weeks before the end of the history for training, one for the holdout. */
    static final int CHURN_HORIZON_DAYS = 7;

    @Override
    public void seed(DemoContext context) throws Exception {
        SegmentStore store = new SegmentStore(context.data());
        if (!store.all().isEmpty()) {
            return; // seeded before
        }
        for (DemoSegment segment : SEGMENTS) {
            Object rule = Json.parse(segment.rule());
            CompiledRule compiled = RuleCompiler.compile(rule, "rule", null, store.graph(), false);
            store.create(segment.name(), segment.description(), Json.write(rule), compiled.dependsOn(), "demo");
        }
        context.log("behaviour: " + SEGMENTS.size() + " segments (" + String.join(", ",
                SEGMENTS.stream().map(DemoSegment::name).toList()) + ")");
        // the default 30-day horizon needs two horizons of history before a cutoff; the shop has a few weeks
        context.configure(ChurnConfig.HORIZON_DAYS, Integer.toString(CHURN_HORIZON_DAYS));
        context.log("behaviour: churn horizon " + CHURN_HORIZON_DAYS + " days (the demo has weeks, not months, of"
                + " history)");
    }
}
