package dev.operon.plugins.notify.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.sdk.channel.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The bytes {@link MimeMail} writes, read back by Jakarta Mail's parser as a receiver would: transfer encodings chosen
 * per body, line breaks, headers, the boundary. (Delivery over SMTP is {@link EmailChannelTest}'s.)
 */
class MimeMailTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static MimeMessage roundTrip(Message message) throws Exception {
        MimeMessage built = new MimeMail(SESSION, new InternetAddress("Shöp <shop@example.com>"),
                Date.from(Instant.parse("2026-12-01T00:30:00Z"))).build(new InternetAddress("ana@example.com"),
                message);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        built.writeTo(wire);
        return new MimeMessage(SESSION, new ByteArrayInputStream(wire.toByteArray()));
    }

    private static Part part(MimeMessage m, int i) throws Exception {
        return ((Multipart) m.getContent()).getBodyPart(i);
    }

    @Test
    void asciiBodiesAre7bitAndKeepTheirText() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://shop.example/u?token=7.abc>");
        headers.put("X-Note", "café");
        MimeMessage m = roundTrip(new Message("ana@example.com", "Hello", "line one\nline two", "<p>hi</p>",
                headers, "marketing-1-once-7"));
        assertEquals("<marketing-1-once-7@example.com>", m.getMessageID());
        assertEquals("Hello", m.getSubject());
        assertEquals("ana@example.com", m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString());
        assertEquals("Shöp", ((InternetAddress) m.getFrom()[0]).getPersonal());
        assertEquals("shop@example.com", ((InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals(Date.from(Instant.parse("2026-12-01T00:30:00Z")), m.getSentDate());
        assertEquals("<https://shop.example/u?token=7.abc>", m.getHeader("List-Unsubscribe", null));
        assertEquals("café", jakarta.mail.internet.MimeUtility.decodeText(m.getHeader("X-Note", null)));
        assertTrue(m.isMimeType("multipart/alternative"), m.getContentType());
        assertEquals("7bit", ((jakarta.mail.internet.MimeBodyPart) part(m, 0)).getEncoding());
        assertEquals("line one\r\nline two", part(m, 0).getContent());
        assertTrue(part(m, 1).isMimeType("text/html"));
        assertEquals("<p>hi</p>", part(m, 1).getContent());
    }

    @Test
    void nonAsciiLongLinesAndBoundaryLookalikesAreEncoded() throws Exception {
        String french = "Bonjour Zoé, les soldes d'été commencent.";
        String chinese = "春季促销今天开始，欢迎光临。";
        String longLine = "x".repeat(1500);
        MimeMessage m = roundTrip(new Message("ana@example.com", "Été ☀", french + "\n" + longLine,
                chinese, Map.of(), "k1"));
        assertEquals("Été ☀", m.getSubject());
        String longSubject = "Soldes d'été ☀ 春季促销 ".repeat(12);
        MimeMessage folded = roundTrip(new Message("ana@example.com", longSubject, "t", null, Map.of(), "k3"));
        assertEquals(longSubject, folded.getSubject());
        for (String line : ("Subject: " + folded.getHeader("Subject", null)).split("\r\n")) {
            assertTrue(line.length() <= 76, line);
        }
        var text = (jakarta.mail.internet.MimeBodyPart) part(m, 0);
        var html = (jakarta.mail.internet.MimeBodyPart) part(m, 1);
        assertEquals("quoted-printable", text.getEncoding());
        assertEquals(french + "\r\n" + longLine, text.getContent());
        assertEquals("base64", html.getEncoding());
        assertEquals(chinese, html.getContent());

        // a text that contains the boundary's prefix cannot end the part early
        MimeMessage tricky = roundTrip(new Message("ana@example.com", "s", "--=_operon_ and =_operon_\n.\n",
                "<p>x</p>", Map.of(), "k2"));
        assertEquals(2, ((Multipart) tricky.getContent()).getCount());
        assertTrue(((String) part(tricky, 0).getContent()).startsWith("--=_operon_ and =_operon_\r\n."));
    }

    @Test
    void textOnlyMessagesAreSinglePartAndUnkeyedOnesGetTheirOwnId() throws Exception {
        MimeMessage m = roundTrip(new Message("ana@example.com", null, "plain words", null, Map.of(), null));
        assertTrue(m.isMimeType("text/plain"), m.getContentType());
        assertEquals("plain words", ((String) m.getContent()).strip());
        assertEquals(null, m.getSubject());
        MimeMessage other = roundTrip(new Message("ana@example.com", null, "plain words", null, Map.of(), null));
        assertTrue(m.getMessageID().endsWith("@example.com>"), m.getMessageID());
        assertNotEquals(m.getMessageID(), other.getMessageID());
    }

    @Test
    void headersTheChannelOwnsOrWithLineBreaksAreRefused() {
        assertThrows(MimeMail.InvalidMessage.class, () -> roundTrip(new Message("ana@example.com", "s", "t", null,
                Map.of("Bcc", "x@example.com"), "k")));
        assertThrows(MimeMail.InvalidMessage.class, () -> roundTrip(new Message("ana@example.com", "s", "t", null,
                Map.of("X-Evil", "a\r\nBcc: x@example.com"), "k")));
        assertThrows(MimeMail.InvalidMessage.class, () -> roundTrip(new Message("ana@example.com", "s", "t", null,
                Map.of("Bad Name", "v"), "k")));
    }
}
