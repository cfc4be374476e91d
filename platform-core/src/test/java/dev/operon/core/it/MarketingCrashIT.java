package dev.operon.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An e-mail campaign to a few hundred users, into a real SMTP server on loopback, with the packaged platform killed
 * (SIGKILL) in the middle of the send: after a restart on the same data folder the campaign completes, every member
 * of the segment got the message, and nobody got two different messages. Sending is slowed (one delivery thread,
 * 40 e-mails a second, batches of 5) so that the kill lands mid-campaign.
 *
 * <p>What "exactly once" means here, as the marketing README says: a message's idempotency key is committed before
 * the channel is called and becomes the Message-ID, so a message that was in the SMTP server's hands when the JVM
 * died (at most one batch) may arrive again with the same Message-ID, which receivers drop. The test counts
 * distinct Message-IDs per recipient (exactly one each) and raw deliveries (one each, except at most one batch).
 */
class MarketingCrashIT {

    private static final int USERS = 300;
    private static final int BATCH = 5;
    private static final String APPROVER = "approver";
    private static final String APPROVER_PASSWORD = "approver-password-1";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void campaignKilledMidSendCompletesAfterRestartWithEveryoneReachedOnce() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Path dataDir = Files.createTempDirectory("operon-marketing-crash-it");
        try {
            int port = smtp.getSmtp().getPort();
            long campaignId;
            int beforeKill;
            try (PlatformProcess first = configured(new PlatformProcess(dataDir), port)) {
                first.start();
                String segmentId = seedSegment(first);
                campaignId = approvedCampaign(first, segmentId);
                HttpResponse<String> run = first.post("/api/v1/runs",
                        "{\"type\":\"marketing.send\",\"params\":{\"campaignId\":" + campaignId + "}}");
                assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
                beforeKill = awaitMessages(smtp, 40, 60);
                first.kill();
            }
            int atKill = smtp.getReceivedMessages().length;
            assertThat(atKill).as("killed mid-send").isBetween(beforeKill, USERS - 1);

            try (PlatformProcess second = configured(new PlatformProcess(dataDir), port)) {
                second.start();
                JsonNode campaign = awaitCompleted(second, campaignId);
                assertThat(campaign.path("status").asText()).isEqualTo("completed");
                Thread.sleep(2000);   // nothing more may arrive

                Map<String, Set<String>> idsByRecipient = new HashMap<>();
                Map<String, Integer> deliveriesByRecipient = new HashMap<>();
                for (MimeMessage m : smtp.getReceivedMessages()) {
                    String to = m.getAllRecipients()[0].toString();
                    idsByRecipient.computeIfAbsent(to, k -> new HashSet<>()).add(m.getMessageID());
                    deliveriesByRecipient.merge(to, 1, Integer::sum);
                }
                Set<String> expected = new HashSet<>();
                for (int i = 1; i <= USERS; i++) {
                    expected.add(email(i));
                }
                assertThat(idsByRecipient.keySet()).as("nobody skipped, nobody outside the segment")
                        .isEqualTo(expected);
                idsByRecipient.forEach((to, ids) -> assertThat(ids).as("one message (one key) for " + to)
                        .hasSize(1));
                long duplicates = deliveriesByRecipient.values().stream().mapToInt(c -> c - 1).sum();
                System.out.printf("MarketingCrashIT: %d messages before the kill, %d in all, %d re-delivered with the"
                        + " same Message-ID%n", atKill, smtp.getReceivedMessages().length, duplicates);
                assertThat(duplicates).as("raw re-deliveries with the same Message-ID: at most the batch in flight")
                        .isLessThanOrEqualTo(BATCH);
                JsonNode sends = operation(second, "campaign-activity", "{\"id\":" + campaignId + "}");
                assertThat(sends.toString()).isNotEmpty();
            }
        } finally {
            smtp.stop();
        }
    }

    private static PlatformProcess configured(PlatformProcess platform, int smtpPort) {
        return platform.property("operon.plugin.notify.smtp-host", "127.0.0.1")
                .property("operon.plugin.notify.smtp-port", Integer.toString(smtpPort))
                .property("operon.plugin.notify.smtp-security", "none")
                .property("operon.plugin.notify.from", "Shop <shop@example.com>")
                .property("operon.plugin.marketing.send-concurrency", "1")
                .property("operon.plugin.marketing.rate-limit-email", "40")
                .property("operon.plugin.marketing.batch-size", Integer.toString(BATCH))
                .property("operon.core.profiles.consent-default.marketing", "true");
    }

    /** 300 identified users with an address and a zone where it is midday (no quiet hours), in a segment. */
    private String seedSegment(PlatformProcess platform) throws Exception {
        HttpResponse<String> source = platform.post("/api/v1/sources", "{\"name\":\"crash-it\"}");
        assertThat(source.statusCode()).as(source.body()).isEqualTo(201);
        String writeKey = json.readTree(source.body()).get("writeKey").asText();
        int offset = 12 - Instant.now().atZone(ZoneOffset.UTC).getHour();
        String zone = offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset);
        ObjectNode body = json.createObjectNode();
        ArrayNode batch = body.putArray("batch");
        for (int i = 1; i <= USERS; i++) {
            ObjectNode identify = batch.addObject();
            identify.put("type", "identify");
            identify.put("userId", "crash-user-" + i);
            ObjectNode traits = identify.putObject("traits");
            traits.put("email", email(i));
            traits.put("first_name", "User" + i);
            traits.put("timezone", zone);
            traits.put("it_cohort", "crash");
        }
        HttpResponse<String> sent = platform.post("/v1/batch", body.toString(), writeKey, "");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        JsonNode segment = operation(platform, "behaviour", "create-segment",
                "{\"name\":\"crash cohort\",\"rule\":{\"trait\":\"it_cohort\",\"eq\":\"crash\"}}");
        long id = segment.get("id").asLong();
        Instant giveUp = Instant.now().plusSeconds(90);
        for (int attempt = 0; Instant.now().isBefore(giveUp); attempt++) {
            if (attempt % 10 == 0) {
                // profiles are built from the stored events by the profile updater: run it now
                HttpResponse<String> update = platform.post("/api/v1/profiles/update", "{}");
                assertThat(update.statusCode()).as(update.body()).isEqualTo(202);
            }
            operation(platform, "behaviour", "refresh-segments", "{\"full\":false}");
            for (JsonNode s : operation(platform, "behaviour", "list-segments", "{}")) {
                if (s.get("id").asLong() == id && s.get("size").asLong() == USERS) {
                    return Long.toString(id);
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the segment never reached " + USERS + " members:\n" + platform.log());
    }

    /** Created by the admin, approved by another operator, scheduled (one-off, due now). */
    private long approvedCampaign(PlatformProcess platform, String segmentId) throws Exception {
        HttpResponse<String> approver = platform.post("/api/v1/operators", "{\"username\":\"" + APPROVER
                + "\",\"password\":\"" + APPROVER_PASSWORD + "\",\"role\":\"operator\"}");
        assertThat(approver.statusCode()).as(approver.body()).isEqualTo(201);
        ObjectNode input = json.createObjectNode();
        input.put("name", "Crash test");
        input.put("channel", "email");
        input.put("segmentId", segmentId);
        input.put("schedule", "once");
        input.put("sendAt", Instant.now().plusSeconds(3600).toString());
        ObjectNode variant = input.putArray("variants").addObject();
        variant.put("name", "A");
        variant.put("subject", "Hello {user.first_name}");
        variant.put("text", "Hi {user.first_name}, unsubscribe: {unsubscribeUrl}");
        long id = operation(platform, "marketing", "create-campaign", input.toString()).get("id").asLong();
        HttpResponse<String> approved = platform.post("/api/v1/plugins/marketing/operations/approve-campaign",
                "{\"id\":" + id + "}", APPROVER, APPROVER_PASSWORD);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        operation(platform, "marketing", "schedule-campaign", "{\"id\":" + id + "}");
        return id;
    }

    private JsonNode operation(PlatformProcess platform, String name, String body) throws Exception {
        return operation(platform, "marketing", name, body);
    }

    private JsonNode operation(PlatformProcess platform, String plugin, String name, String body) throws Exception {
        HttpResponse<String> response = platform.post("/api/v1/plugins/" + plugin + "/operations/" + name, body);
        assertThat(response.statusCode()).as(name + ": " + response.body()).isBetween(200, 201);
        return json.readTree(response.body());
    }

    private static int awaitMessages(GreenMail smtp, int atLeast, int seconds) throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(giveUp)) {
            int received = smtp.getReceivedMessages().length;
            if (received >= atLeast) {
                return received;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + atLeast + " messages within " + seconds + " s: "
                + smtp.getReceivedMessages().length);
    }

    private JsonNode awaitCompleted(PlatformProcess platform, long campaignId) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(180);
        JsonNode campaign = null;
        while (Instant.now().isBefore(giveUp)) {
            campaign = operation(platform, "get-campaign", "{\"id\":" + campaignId + "}");
            if ("completed".equals(campaign.path("status").asText())) {
                return campaign;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("campaign " + campaignId + " did not complete after the restart: " + campaign
                + "\n" + platform.log());
    }

    private static String email(int i) {
        return "crash-user-" + i + "@example.com";
    }
}
