package dev.operon.plugins.notify.email;

import dev.operon.plugins.notify.HtmlText;
import dev.operon.sdk.channel.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds the MIME message for one {@link Message}: headers, Message-ID, text or text + HTML alternative. */
final class MimeMail {

    /** Headers the channel writes itself: a message's own value would contradict the envelope or the body. */
    private static final Set<String> MANAGED = Set.of("from", "to", "cc", "bcc", "subject", "date", "message-id",
            "mime-version", "content-type", "content-transfer-encoding", "sender", "return-path");
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");

    private final Session session;
    private final InternetAddress from;
    private final Date sentAt;

    MimeMail(Session session, InternetAddress from, Date sentAt) {
        this.session = session;
        this.from = from;
        this.sentAt = sentAt;
    }

    /** A message that cannot be sent as it is, whatever the server: a bad header. */
    static final class InvalidMessage extends Exception {
        InvalidMessage(String message) {
            super(message);
        }
    }

    MimeMessage build(InternetAddress to, Message message) throws MessagingException, InvalidMessage {
        String messageId = message.idempotencyKey() == null || message.idempotencyKey().isBlank() ? null
                : MessageIds.of(message.idempotencyKey(), SmtpSettings.domainOf(from));
        MimeMessage mime = new KeyedMimeMessage(session, messageId);
        mime.setFrom(from);
        mime.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
        if (message.subject() != null) {
            mime.setSubject(message.subject(), "UTF-8");
        }
        mime.setSentDate(sentAt);
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            addHeader(mime, header.getKey(), header.getValue());
        }
        String text = message.text() != null ? message.text() : message.html() != null ? HtmlText.of(message.html())
                : "";
        if (message.html() == null) {
            mime.setText(text, "UTF-8");
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), "UTF-8", "html");
            // the last part is the richest: clients show HTML when they can, the text otherwise
            MimeMultipart alternative = new MimeMultipart("alternative", plain, html);
            mime.setContent(alternative);
        }
        mime.saveChanges();
        return mime;
    }

    private static void addHeader(MimeMessage mime, String name, String value)
            throws MessagingException, InvalidMessage {
        if (name == null || !HEADER_NAME.matcher(name).matches()) {
            throw new InvalidMessage("'" + name + "' is not a header name");
        }
        if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new InvalidMessage("header " + name + " is set by the channel, not by the message");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new InvalidMessage("header " + name + " has no value or a line break in it");
        }
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(value);
        try {
            mime.addHeader(name, ascii ? value : MimeUtility.fold(name.length() + 2,
                    MimeUtility.encodeText(value, "UTF-8", null)));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** A MIME message whose Message-ID is the given one, kept when saved (Jakarta Mail would make up a new one). */
    private static final class KeyedMimeMessage extends MimeMessage {

        private final String messageId;

        KeyedMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", messageId);
            }
        }
    }
}
