package dev.operon.plugins.notify.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.notify.NotifyConfig;
import dev.operon.plugins.notify.NotifyPlugin;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.testkit.PluginTestKit;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code notify.email} against a real SMTP server on loopback, through the SDK test kit. */
class EmailChannelTest {

    private static SSLContext tls;

    @BeforeAll
    static void certificate(@TempDir Path folder) throws Exception {
        tls = SelfSignedTls.create(folder);
    }

    private static Map<String, String> config(int port, String... more) {
        Map<String, String> config = new HashMap<>(Map.of("smtp-host", "127.0.0.1", "smtp-port", String.valueOf(port),
                "smtp-security", "none", "from", "Operon Alerts <alerts@operon.test>", "timeout", "10s",
                "connect-timeout", "5s"));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    private static Channel email(PluginTestKit kit) {
        return kit.channels().find("notify.email").orElseThrow();
    }

    private static MimeMessage parse(LoopbackSmtpServer.Received received) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(received.data().getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void htmlAndTextArriveAsAlternativesWithTheMessageHeadersAndTheKeyAsMessageId() throws Exception {
        try (LoopbackSmtpServer server = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port()))) {
            Message message = new Message("ops@example.com", "Disk almost full – 95 % ü", "Disk /data is 95% full.",
                    "<p>Disk <b>/data</b> is 95% full.</p>",
                    Map.of("List-Unsubscribe", "<mailto:unsubscribe@operon.test?subject=u7>",
                            "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), "campaign-42.user-7");

            Delivery delivery = email(kit).send(message);

            assertTrue(delivery.delivered(), delivery.toString());
            assertTrue(delivery.detail().startsWith("250"), delivery.detail());
            assertEquals(1, server.received().size());
            LoopbackSmtpServer.Received received = server.received().get(0);
            assertEquals("alerts@operon.test", received.mailFrom());
            assertEquals(java.util.List.of("ops@example.com"), received.recipients());
            MimeMessage mime = parse(received);
            assertEquals("<campaign-42.user-7@operon.test>", mime.getMessageID());
            assertEquals("Disk almost full – 95 % ü", mime.getSubject());
            assertEquals("<mailto:unsubscribe@operon.test?subject=u7>", mime.getHeader("List-Unsubscribe", null));
            assertEquals("List-Unsubscribe=One-Click", mime.getHeader("List-Unsubscribe-Post", null));
            assertEquals("Operon Alerts <alerts@operon.test>", mime.getHeader("From", null));
            assertTrue(mime.getContentType().startsWith("multipart/alternative"), mime.getContentType());
            Multipart parts = (Multipart) mime.getContent();
            assertEquals(2, parts.getCount());
            assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
            assertEquals("Disk /data is 95% full.", parts.getBodyPart(0).getContent());
            assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
            assertEquals("<p>Disk <b>/data</b> is 95% full.</p>", parts.getBodyPart(1).getContent());
        }
    }

    @Test
    void textOnlyIsPlainTextAndAnOddKeyGivesTheSameHashedMessageIdEveryTime() throws Exception {
        try (LoopbackSmtpServer server = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port()))) {
            Message message = new Message("ops@example.com", null, "plain words", null, Map.of(),
                    "alert 7 / user:3 <x>");
            assertTrue(email(kit).send(message).delivered());
            assertTrue(email(kit).send(message).delivered());
            MimeMessage first = parse(server.received().get(0));
            MimeMessage second = parse(server.received().get(1));
            assertTrue(first.isMimeType("text/plain"), first.getContentType());
            assertEquals("plain words", first.getContent());
            assertTrue(first.getMessageID().matches("<sha256-[0-9a-f]{64}@operon\\.test>"), first.getMessageID());
            assertEquals(first.getMessageID(), second.getMessageID());
        }
    }

    @Test
    void htmlOnlyGetsATextAlternative() throws Exception {
        try (LoopbackSmtpServer server = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port()))) {
            assertTrue(email(kit).send(new Message("ops@example.com", "s", null,
                    "<h1>Title</h1><p>One &amp; two</p><script>x()</script>", Map.of(), null)).delivered());
            Multipart parts = (Multipart) parse(server.received().get(0)).getContent();
            // text travels with CRLF line breaks, as MIME requires
            assertEquals("Title\r\nOne & two", parts.getBodyPart(0).getContent());
        }
    }

    @Test
    void aRecipientRefusedWith550IsAPermanentRejection() throws Exception {
        try (LoopbackSmtpServer server = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port()))) {
            Delivery delivery = email(kit).send(new Message("bounce@example.com", "s", "t", null, Map.of(), "k1"));
            assertFalse(delivery.delivered());
            assertTrue(delivery.permanent());
            assertTrue(delivery.detail().contains("550"), delivery.detail());
            assertTrue(server.received().isEmpty());
        }
    }

    @Test
    void aMessageRefusedWith554AtTheEndOfDataIsAPermanentRejection() throws Exception {
        try (LoopbackSmtpServer server = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port()))) {
            Delivery delivery = email(kit).send(new Message("ops@example.com", "s", "REJECT-ME", null, Map.of(),
                    null));
            assertTrue(delivery.permanent(), delivery.toString());
            assertTrue(delivery.detail().contains("554"), delivery.detail());
        }
    }

    @Test
    void a451AnswerThrowsForTheCallerToRetry() throws Exception {
        try (LoopbackSmtpServer server = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port()))) {
            MessagingException e = assertThrows(MessagingException.class, () -> email(kit).send(
                    new Message("greylist@example.com", "s", "t", null, Map.of(), null)));
            assertTrue(String.valueOf(e.getNextException()).contains("451") || e.getMessage().contains("451"),
                    e.toString());
        }
    }

    @Test
    void badAddressesAndHeadersArePermanentRejectionsBeforeAnyConnection() throws Exception {
        try (LoopbackSmtpServer server = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port()))) {
            Channel email = email(kit);
            assertTrue(email.send(new Message("not an address", "s", "t", null, Map.of(), null)).permanent());
            assertTrue(email.send(new Message("ops@example.com", "s", "t", null,
                    Map.of("X-Note", "a\r\nBcc: victim@example.com"), null)).permanent());
            assertTrue(email.send(new Message("ops@example.com", "s", "t", null,
                    Map.of("Bcc", "victim@example.com"), null)).permanent());
            assertEquals(0, server.connections());
        }
    }

    @Test
    void aServerThatIsDownThrows() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(port))) {
            assertThrows(MessagingException.class, () -> email(kit).send(
                    new Message("ops@example.com", "s", "t", null, Map.of(), null)));
        }
    }

    @Test
    void aServerThatNeverAnswersThrowsAfterTheTimeout() throws Exception {
        try (LoopbackSmtpServer server = new LoopbackSmtpServer(null, false, null, null, true);
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port(), "timeout", "1s"))) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(MessagingException.class,
                    () -> email(kit).send(new Message("ops@example.com", "s", "t", null, Map.of(), null))));
        }
    }

    @Test
    void authenticatesWithTheConfiguredLoginAndThrowsOnABadOne() throws Exception {
        try (LoopbackSmtpServer server = new LoopbackSmtpServer(null, false, "mailer", "s3cret", false)) {
            try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port(),
                    "smtp-username", "mailer", "smtp-password", "s3cret"))) {
                assertTrue(email(kit).send(new Message("ops@example.com", "s", "t", null, Map.of(), null))
                        .delivered());
                assertEquals("mailer", server.received().get(0).user());
            }
            try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port(),
                    "smtp-username", "mailer", "smtp-password", "wrong"))) {
                assertThrows(AuthenticationFailedException.class, () -> email(kit).send(
                        new Message("ops@example.com", "s", "t", null, Map.of(), null)));
            }
            assertEquals(1, server.received().size());
        }
    }

    @Test
    void starttlsUpgradesTheConnectionWhenTheCertificateIsTrusted() throws Exception {
        try (LoopbackSmtpServer server = new LoopbackSmtpServer(tls, false, "mailer", "s3cret", false);
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port(),
                     "smtp-security", "starttls", "smtp-ssl-trust", "127.0.0.1", "smtp-username", "mailer",
                     "smtp-password", "s3cret"))) {
            assertTrue(email(kit).send(new Message("ops@example.com", "s", "t", null, Map.of(), null)).delivered());
            assertTrue(server.received().get(0).tls());
            assertEquals("mailer", server.received().get(0).user());
        }
    }

    @Test
    void starttlsRefusesAnUntrustedCertificateAndAServerWithoutTls() throws Exception {
        try (LoopbackSmtpServer withTls = new LoopbackSmtpServer(tls, false, null, null, false);
             LoopbackSmtpServer withoutTls = LoopbackSmtpServer.plain()) {
            try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(withTls.port(),
                    "smtp-security", "starttls"))) {
                assertThrows(MessagingException.class, () -> email(kit).send(
                        new Message("ops@example.com", "s", "t", null, Map.of(), null)));
            }
            try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(withoutTls.port(),
                    "smtp-security", "starttls"))) {
                assertThrows(MessagingException.class, () -> email(kit).send(
                        new Message("ops@example.com", "s", "t", null, Map.of(), null)));
            }
            assertTrue(withTls.received().isEmpty());
            assertTrue(withoutTls.received().isEmpty());
        }
    }

    @Test
    void sslSpeaksTlsFromTheFirstByte() throws Exception {
        try (LoopbackSmtpServer server = new LoopbackSmtpServer(tls, true, null, null, false);
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port(),
                     "smtp-security", "ssl", "smtp-ssl-trust", "*"))) {
            assertTrue(email(kit).send(new Message("ops@example.com", "s", "t", null, Map.of(), null)).delivered());
            assertTrue(server.received().get(0).tls());
        }
    }

    @Test
    void withoutHostOrSenderItThrowsNamingTheMissingKey() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> email(kit).send(
                    new Message("ops@example.com", "s", "t", null, Map.of(), null)));
            assertTrue(e.getMessage().contains("operon.plugin.notify.smtp-host"), e.getMessage());
        }
    }

    @Test
    void messagesReuseOneConnectionAndANewOneIsMadeWhenTheServerDroppedIt() throws Exception {
        try (LoopbackSmtpServer server = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port()))) {
            for (int i = 0; i < 5; i++) {
                assertTrue(email(kit).send(new Message("ops@example.com", "s" + i, "t", null, Map.of(), "k" + i))
                        .delivered());
            }
            assertEquals(1, server.connections(), "five messages in a row share one connection");

            server.dropConnections();
            Delivery afterDrop = email(kit).send(new Message("ops@example.com", "s5", "t", null, Map.of(), "k5"));

            assertTrue(afterDrop.delivered(), afterDrop.toString());
            assertEquals(2, server.connections());
            assertEquals(6, server.received().size());
            assertEquals(java.util.List.of("k0@operon.test", "k1@operon.test", "k2@operon.test", "k3@operon.test",
                    "k4@operon.test", "k5@operon.test"), server.received().stream()
                    .map(r -> messageId(r)).toList());
        }
    }

    @Test
    void aPermanentRejectionOnAKeptConnectionIsNotRetriedAndTheNextMessageStillGoesThrough() throws Exception {
        try (LoopbackSmtpServer server = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port()))) {
            assertTrue(email(kit).send(new Message("ops@example.com", "s", "t", null, Map.of(), null)).delivered());
            Delivery bounced = email(kit).send(new Message("bounce@example.com", "s", "t", null, Map.of(), null));
            assertFalse(bounced.delivered());
            assertTrue(bounced.permanent(), bounced.toString());
            assertThrows(MessagingException.class, () -> email(kit).send(
                    new Message("greylist@example.com", "s", "t", null, Map.of(), null)));
            assertTrue(email(kit).send(new Message("ops@example.com", "s", "t", null, Map.of(), null)).delivered());
            assertEquals(2, server.received().size());
        }
    }

    @Test
    void aConfigurationChangeClosesKeptConnectionsAndConnectsToTheNewServer() throws Exception {
        try (LoopbackSmtpServer first = LoopbackSmtpServer.plain();
             LoopbackSmtpServer second = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(first.port()))) {
            assertTrue(email(kit).send(new Message("ops@example.com", "s", "t", null, Map.of(), null)).delivered());
            kit.configure("smtp-port", String.valueOf(second.port()));
            assertTrue(email(kit).send(new Message("ops@example.com", "s", "t", null, Map.of(), null)).delivered());
            assertEquals(1, first.received().size());
            assertEquals(1, second.received().size());
        }
    }

    @Test
    void idleConnectionsAreClosedAfterTheTimeout() throws Exception {
        NotifyConfig config = new NotifyConfig();
        try (LoopbackSmtpServer server = LoopbackSmtpServer.plain();
             PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), config(server.port()))) {
            config.use(kit.config());
            EmailChannel channel = new EmailChannel(config, java.time.Clock.systemUTC(), Duration.ofMillis(200));
            try {
                assertTrue(channel.send(new Message("ops@example.com", "s", "t", null, Map.of(), null)).delivered());
                assertEquals(1, channel.idleConnections());
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (channel.idleConnections() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(0, channel.idleConnections());
                assertTrue(channel.send(new Message("ops@example.com", "s", "t", null, Map.of(), null)).delivered());
                assertEquals(2, server.connections());
            } finally {
                channel.close();
            }
        }
    }

    private static String messageId(LoopbackSmtpServer.Received received) {
        try {
            String id = parse(received).getMessageID();
            return id.substring(1, id.length() - 1);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
