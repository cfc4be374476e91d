package dev.operon.plugins.marketing.demo;

import dev.operon.plugins.marketing.audience.PendingSegments;
import dev.operon.plugins.marketing.campaigns.CampaignInput.VariantInput;
import dev.operon.plugins.marketing.campaigns.CampaignInput;
import dev.operon.plugins.marketing.campaigns.Drafts;
import dev.operon.sdk.demo.DemoContext;
import dev.operon.sdk.demo.DemoSeeder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo shop's win-back campaign: a draft e-mail "Come back: 10 % off" to the behaviour plugin's segment
 * "Lapsing customers", with two variants (the discount up front, or a reminder of what they looked at), a 10 %
 * holdout and the goal "Order Completed" within 14 days. It stays a draft: approving it is a second operator's job.
 *
 * <p>The segment is looked up by name in its {@code Segment Entered} events, as marketing reads every segment. The
 * behaviour plugin creates the segment when it seeds but computes its members only at its first refresh, after
 * every seeder has run; so usually the name is recorded and the campaign clock fills in the segment once it has
 * members ({@link PendingSegments}). A workspace seeded again is left as it is.
 */
public final class MarketingDemo implements DemoSeeder {

    static final String NAME = "Come back: 10 % off";
    static final String SEGMENT = "Lapsing customers";
    static final String AUTHOR = "demo";

    @Override
    public void seed(DemoContext context) throws Exception {
        Optional<String> segment = PendingSegments.idOf(context.events(), SEGMENT);
        CampaignInput draft = new CampaignInput(NAME, "email", segment.orElse(null), "snapshot", "once",
                context.now().plus(Duration.ofDays(7)), null, null, null, null, List.of(
                        new VariantInput("discount", 1.0, "Come back: 10 % off your next order",
                                "<p>Hi {user.name ?: 'there'},</p><p>we miss you! Here is <b>10 % off</b> your next"
                                        + " order with the code COMEBACK10.</p><p><a href=\"{unsubscribeUrl}\">"
                                        + "Unsubscribe</a></p>",
                                "Hi {user.name ?: 'there'}, we miss you! Here is 10 % off your next order with the"
                                        + " code COMEBACK10.\n\nUnsubscribe: {unsubscribeUrl}"),
                        new VariantInput("reminder", 1.0, "{user.name ?: 'Hello'}, your favourites are waiting",
                                "<p>Hi {user.name ?: 'there'},</p><p>the things you liked are still here, and 10 %"
                                        + " off with the code COMEBACK10.</p><p><a href=\"{unsubscribeUrl}\">"
                                        + "Unsubscribe</a></p>",
                                "Hi {user.name ?: 'there'}, the things you liked are still here, and 10 % off with"
                                        + " the code COMEBACK10.\n\nUnsubscribe: {unsubscribeUrl}")),
                10.0, "fixed", "Order Completed", "P14D", false, "all");
        Optional<Long> id = Drafts.create(context.data(), draft, AUTHOR,
                segment.isPresent() ? null : SEGMENT);
        if (id.isEmpty()) {
            return;
        }
        context.log("marketing: draft campaign \"" + NAME + "\" (id " + id.get() + ", two variants, 10 % holdout) for"
                + " the segment \"" + SEGMENT + "\" " + segment.map(s -> "(" + s + ")")
                .orElse("(filled in once its first members are computed)"));
    }
}
