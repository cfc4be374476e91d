package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.sending.SendTask;
import dev.operon.plugins.notify.NotifyPlugin;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.testkit.PluginTestKit;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Campaign e-mails through the notify plugin's SMTP channel into a real SMTP server (GreenMail) on loopback: content,
 * headers, the unsubscribe link, budget and quiet hours.
 */
class SmtpEndToEndTest {

    @Test
    void mailsArriveWithTheirHeadersAndTheGuardrailsHold() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        LocalTime local = LocalTime.now(tokyo);
        try (PluginTestKit notify = PluginTestKit.start(new NotifyPlugin(), Map.of("smtp-host", "127.0.0.1",
                "smtp-port", Integer.toString(smtp.getSmtp().getPort()), "smtp-security", "none",
                "from", "Shop <shop@example.com>"));
             World w = new World(Map.of("contact-budget", "1",
                     "quiet-hours-start", local.minusHours(1).withSecond(0).withNano(0).toString(),
                     "quiet-hours-end", local.plusHours(1).withSecond(0).withNano(0).toString()), false)) {
            Channel email = notify.plugin().channels().stream().filter(c -> c.id().equals("notify.email"))
                    .findFirst().orElseThrow();
            w.kit.channels().add(email);
            w.member(1, "7");                                        // gets it
            w.member(2, "7");                                        // already contacted this week
            w.user(3, Map.of("email", "u3@example.com", "first_name", "Q", "timezone", "Asia/Tokyo"));
            w.enter(3, "7");                                         // in its quiet hours
            w.execute("INSERT INTO marketing_campaign (name, status, channel, audience_mode, schedule_kind,"
                    + " allocation, created_by) VALUES ('old', 'completed', 'inapp', 'snapshot', 'once', 'fixed', 'x')");
            w.execute("INSERT INTO marketing_send (campaign_id, run_key, profile_id, variant, channel, status,"
                    + " idempotency_key, due_at, contact_at, sent_at) SELECT id, 'once', 2, 'A', 'inapp', 'sent',"
                    + " 'old-2', now(), now(), now() FROM marketing_campaign");
            Campaign k = w.scheduled(World.emailCampaign("launch", "7"));

            SendTask.Output out = w.send(k.id()).output();
            assertEquals(1, out.report().sent(), out.toString());
            assertEquals(1, out.report().deferred());
            assertEquals(1, out.report().skipped());
            assertTrue(smtp.waitForIncomingEmail(10_000, 1));
            MimeMessage[] received = smtp.getReceivedMessages();
            assertEquals(1, received.length);
            MimeMessage m = received[0];
            assertEquals("u1@example.com", m.getAllRecipients()[0].toString());
            assertEquals("Hello Name1", m.getSubject());
            String unsubscribe = m.getHeader("List-Unsubscribe", null);
            assertTrue(unsubscribe.startsWith("<https://shop.example/unsubscribe?token=1."), unsubscribe);
            assertEquals("List-Unsubscribe=One-Click", m.getHeader("List-Unsubscribe-Post", null));
            assertTrue(m.getMessageID().startsWith("<marketing-" + k.id() + "-once-1@"), m.getMessageID());
            MimeMultipart parts = (MimeMultipart) m.getContent();
            String text = GreenMailUtil.getBody(parts.getBodyPart(0));
            String html = GreenMailUtil.getBody(parts.getBodyPart(1));
            assertTrue(text.contains("Hi Name1, unsubscribe: https://shop.example/unsubscribe?token=1."), text);
            assertTrue(html.contains("<p>Hi Name1</p>"), html);

            String token = unsubscribe.replaceAll(".*token=(.*)>", "$1");
            w.kit.call("unsubscribe", Map.of("token", token), Role.VIEWER);
            w.execute("UPDATE marketing_send SET due_at = now() WHERE status = 'deferred'");
            Campaign again = w.scheduled(World.emailCampaign("follow-up", "7"));
            w.send(again.id());
            w.send(k.id());
            Thread.sleep(500);
            // follow-up: 1 unsubscribed, 2 over budget, 3 still quiet; launch: 3 deferred again (still quiet)
            assertEquals(1, smtp.getReceivedMessages().length, Arrays.toString(List.of(smtp.getReceivedMessages())
                    .stream().map(x -> {
                        try {
                            return x.getAllRecipients()[0].toString();
                        } catch (Exception e) {
                            return e.toString();
                        }
                    }).toArray()));
        } finally {
            smtp.stop();
        }
    }
}
