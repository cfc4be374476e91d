package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.dryrun.DryRun;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.recommend.RecommendationRequest;
import dev.operon.sdk.recommend.Recommendations;
import dev.operon.sdk.recommend.RecommendedItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Recommended items in message templates ({@code recommendations.top(n)}), served through the SDK's
 * {@link Recommendations} service: each recipient sees their own items, escaped in HTML; one request per message
 * whatever the number of templates using it; without the service, or when it fails, the message goes out without
 * the items and never fails because of them.
 */
class RecommendedItemsTest {

    /** A recommender whose answers depend on the user: items {@code p<id>-1..n}, the first one with markup. */
    private static final class PerUser implements Recommendations {

        final List<RecommendationRequest> requests = new CopyOnWriteArrayList<>();
        volatile boolean broken;

        @Override
        public List<RecommendedItem> top(RecommendationRequest request) {
            requests.add(request);
            if (broken) {
                throw new IllegalStateException("recommender store down");
            }
            List<RecommendedItem> items = new ArrayList<>();
            for (int i = 1; i <= request.count(); i++) {
                String id = "p" + request.profileId() + "-" + i;
                items.add(new RecommendedItem(id, i == 1 ? "<b>Boots</b> for " + request.profileId() : "Item " + id,
                        "shoes", i == 1 ? 49.5 : null, 1.0 / i, "because you viewed X", Map.of("url",
                        "https://shop.example/" + id)));
            }
            return items;
        }
    }

    private static Map<String, Object> campaign(String name) {
        Map<String, Object> m = new HashMap<>(World.emailCampaign(name, "5"));
        m.put("variants", List.of(Map.of("name", "A",
                "subject", "{#for item in recommendations.top(1)}{item.title}{/for}",
                "text", "Picked for you:{#for item in recommendations.top(2)} {item.itemId}{/for}"
                        + "{#if !recommendations.top(2)} nothing yet{/if}",
                "html", "<ul>{#for item in recommendations.top(2)}<li><a href=\"{item.properties.url}\">"
                        + "{item.title}</a> {item.price ?: ''}</li>{/for}</ul>")));
        return m;
    }

    @Test
    void eachRecipientSeesTheirOwnRecommendedItems() throws Exception {
        try (World w = new World()) {
            PerUser recommender = w.kit.services().add(Recommendations.class, new PerUser());
            for (long id = 1; id <= 3; id++) {
                w.member(id, "5");
            }
            Campaign k = w.scheduled(campaign("picked for you"));

            DryRun.Output dry = w.kit.call("dry-run", Map.of("id", k.id(), "sampleProfileId", 2), Role.VIEWER);
            assertNull(dry.preview().error(), dry.preview().error());
            assertEquals("Picked for you: p2-1 p2-2", dry.preview().text());
            assertTrue(dry.preview().html().contains("&lt;b&gt;Boots&lt;/b&gt; for 2"), dry.preview().html());

            int asked = recommender.requests.size();
            w.send(k.id()).output();
            assertEquals(3, w.email.delivered().size());
            Map<String, Message> byRecipient = w.email.delivered().stream()
                    .collect(Collectors.toMap(Message::recipient, m -> m));
            for (long id = 1; id <= 3; id++) {
                Message m = byRecipient.get("u" + id + "@example.com");
                assertNotNull(m, "message to user " + id);
                assertEquals("<b>Boots</b> for " + id, m.subject(), "plain text subject is not escaped");
                assertEquals("Picked for you: p" + id + "-1 p" + id + "-2", m.text());
                assertTrue(m.html().contains("<li><a href=\"https://shop.example/p" + id + "-1\">&lt;b&gt;Boots"
                        + "&lt;/b&gt; for " + id + "</a> 49.5</li>"), m.html());
                assertTrue(m.html().contains("<a href=\"https://shop.example/p" + id + "-2\">Item p" + id
                        + "-2</a> </li>"), "a missing price renders empty: " + m.html());
            }
            // two counts are used (1 and 2): two requests per message, however many templates use them
            List<RecommendationRequest> sent = recommender.requests.subList(asked, recommender.requests.size());
            assertEquals(6, sent.size(), sent.toString());
            for (long id = 1; id <= 3; id++) {
                long profile = id;
                assertEquals(List.of(1, 2), sent.stream().filter(r -> r.profileId() == profile)
                        .map(RecommendationRequest::count).sorted().toList());
            }
        }
    }

    @Test
    void withoutTheServiceOrWhenItFailsTheMessageGoesOutWithoutItems() throws Exception {
        try (World w = new World()) {
            w.member(1, "5");
            w.member(2, "5");
            Campaign absent = w.scheduled(campaign("no recommender"));
            DryRun.Output dry = w.kit.call("dry-run", Map.of("id", absent.id()), Role.VIEWER);
            assertEquals("Picked for you: nothing yet", dry.preview().text());
            assertNull(dry.preview().error());
            w.send(absent.id()).output();
            assertEquals(2, w.email.delivered().size());
            assertTrue(w.email.delivered().stream().allMatch(m -> m.text().equals("Picked for you: nothing yet")
                    && m.subject().isEmpty() && m.html().equals("<ul></ul>")));

            PerUser broken = w.kit.services().add(Recommendations.class, new PerUser());
            broken.broken = true;
            Campaign failing = w.scheduled(campaign("broken recommender"));
            DryRun.Output preview = w.kit.call("dry-run", Map.of("id", failing.id()), Role.VIEWER);
            assertEquals("Picked for you: nothing yet", preview.preview().text());
            assertTrue(preview.preview().error().contains("recommender store down"), preview.preview().error());
            w.send(failing.id()).output();
            assertEquals(4, w.email.delivered().size(), "sent anyway, without the items");
            assertEquals(2, w.count("SELECT count(*) FROM marketing_send WHERE campaign_id = " + failing.id()
                    + " AND status = 'sent'"));
        }
    }
}
