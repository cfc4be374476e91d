package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.privacy.DataSubject;
import dev.operon.sdk.privacy.PersonalData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Export lists the messages, in-app feed, bounces and suppressions of a user; erasure removes them, idempotently. */
class MarketingPersonalDataTest {

    @Test
    void exportsAndErasesEverythingKeptAboutAUser() throws Exception {
        try (World w = new World()) {
            w.member(1, "7");
            w.member(2, "7");
            w.member(3, "7");                                        // merged into 1: same subject
            Campaign mail = w.scheduled(World.emailCampaign("mail", "7"));
            w.send(mail.id());
            Map<String, Object> inapp = new HashMap<>(World.emailCampaign("feed", "7"));
            inapp.put("channel", "inapp");
            inapp.put("variants", List.of(Map.of("name", "A", "subject", "t", "text", "b")));
            w.send(w.scheduled(inapp).id());
            w.kit.call("record-bounce", Map.of("idempotencyKey", "marketing-" + mail.id() + "-once-3", "kind", "hard"),
                    Role.OPERATOR);
            w.kit.call("suppress", Map.of("profileId", 1, "reason", "asked by phone"), Role.OPERATOR);

            PersonalData hook = w.kit.plugin().personalData().orElseThrow();
            DataSubject subject = new DataSubject(1, Set.of(1L, 3L), Set.of("user-1"), Set.of());
            Map<String, Object> export = hook.export(subject, w.kit.data());
            assertEquals(List.of("messages", "inAppMessages", "bounces", "suppressions"), List.copyOf(export.keySet()));
            assertEquals(4, ((List<?>) export.get("messages")).size());
            assertEquals(2, ((List<?>) export.get("inAppMessages")).size());
            assertEquals(2, ((List<?>) export.get("suppressions")).size(), "the bounce of 3 and the request of 1");
            @SuppressWarnings("unchecked")
            Map<String, Object> first = ((List<Map<String, Object>>) export.get("messages")).get(0);
            assertEquals("u1@example.com", first.get("recipient"));

            hook.erase(subject, w.kit.data());
            assertEquals(Map.of(), hook.export(subject, w.kit.data()));
            hook.erase(subject, w.kit.data());
            assertEquals(Map.of(), hook.export(subject, w.kit.data()));
            assertEquals(2, w.count("SELECT count(*) FROM marketing_send WHERE profile_id = 2"), "others untouched");
            assertEquals(1, w.count("SELECT count(*) FROM marketing_inbox WHERE profile_id = 2"));
        }
    }
}
