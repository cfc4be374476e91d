package dev.operon.plugins.notify.email;

import dev.operon.plugins.notify.HtmlText;
import dev.operon.sdk.channel.Message;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Builds the MIME message for one {@link Message}: headers, Message-ID, text or text + HTML alternative.
 *
 * <p>The message is written here (non-ASCII header values as RFC 2047 encoded words, bodies as 7bit when they are
 * ASCII with short lines, else quoted-printable, or base64 when mostly non-ASCII, as Jakarta Mail chooses) and handed
 * to the transport as a saved, unmodified {@link MimeMessage}, which Jakarta Mail sends byte for byte. Why not build
 * it with {@code MimeBodyPart}/{@code MimeMultipart}: in the send-rate profile (issue 9) that path spent most of the
 * channel's CPU looking Jakarta Mail's stream provider up through the {@code ServiceLoader} (a class-path scan, in
 * every {@code BodyPart} and {@code Multipart} constructor, {@code writeTo} and {@code MimeUtility.encode}) and
 * writing every part twice (once to choose its transfer encoding, once to send it).
 */
final class MimeMail {

    /** Headers the channel writes itself: a message's own value would contradict the envelope or the body. */
    private static final Set<String> MANAGED = Set.of("from", "to", "cc", "bcc", "subject", "date", "message-id",
            "mime-version", "content-type", "content-transfer-encoding", "sender", "return-path");
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");
    /** RFC 5322 date-time with a numeric zone, always in English. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Longest line SMTP allows without an encoding, CRLF excluded (RFC 5321 4.5.3.1.6). */
    private static final int MAX_LINE = 998;

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
        Writer w = new Writer();
        w.header("From", InternetAddress.toString(new Address[] {from}, 6));
        w.header("To", InternetAddress.toString(new Address[] {to}, 4));
        if (message.subject() != null) {
            w.header("Subject", isAscii(message.subject()) ? MimeUtility.fold(9, message.subject())
                    : EncodedWords.of(message.subject(), "Subject: ".length()));
        }
        w.header("Date", DATE.format(sentAt.toInstant()));
        w.header("Message-ID", messageId != null ? messageId : MessageIds.random(SmtpSettings.domainOf(from)));
        w.header("MIME-Version", "1.0");
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            w.header(checkedName(header.getKey()), checkedValue(header.getKey(), header.getValue()));
        }
        String text = message.text() != null ? message.text() : message.html() != null ? HtmlText.of(message.html())
                : "";
        if (message.html() == null) {
            w.part("text/plain", text, null);
        } else {
            String boundary = "=_operon_" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + Long.toHexString(ThreadLocalRandom.current().nextLong());
            w.header("Content-Type", "multipart/alternative; \r\n\tboundary=\"" + boundary + "\"");
            w.endHeaders();
            w.line("--" + boundary);
            w.part("text/plain", text, boundary);
            // the last part is the richest: clients show HTML when they can, the text otherwise
            w.line("--" + boundary);
            w.part("text/html", message.html(), boundary);
            w.line("--" + boundary + "--");
        }
        return new WrittenMessage(session, w.headers, w.bytes());
    }

    /**
     * A MIME message made of header lines and an encoded body, marked saved and unmodified so that Jakarta Mail
     * writes exactly these bytes. Not parsed from bytes: parsing headers looks the stream provider up through the
     * {@code ServiceLoader} on every call (Jakarta Mail 2.1), a class-path scan per message.
     */
    private static final class WrittenMessage extends MimeMessage {
        WrittenMessage(Session session, java.util.List<String> headerLines, byte[] body) {
            super(session);
            for (String line : headerLines) {
                headers.addHeaderLine(line);
            }
            content = body;
            modified = false;
            saved = true;
        }
    }

    private static String checkedName(String name) throws InvalidMessage {
        if (name == null || !HEADER_NAME.matcher(name).matches()) {
            throw new InvalidMessage("'" + name + "' is not a header name");
        }
        if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new InvalidMessage("header " + name + " is set by the channel, not by the message");
        }
        return name;
    }

    private static String checkedValue(String name, String value) throws InvalidMessage {
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new InvalidMessage("header " + name + " has no value or a line break in it");
        }
        return isAscii(value) ? value : EncodedWords.of(value, name.length() + 2);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The message: header lines (kept apart, see {@link WrittenMessage}), then the body's bytes, CRLF line ends. */
    private final class Writer {
        private final java.util.List<String> headers = new java.util.ArrayList<>();
        private final Bytes out = new Bytes();
        private boolean inBody;

        /** A header of the message, or of the current body part once the message's headers have ended. */
        void header(String name, String value) {
            if (inBody) {
                line(name + ": " + value);
            } else {
                headers.add(name + ": " + value);
            }
        }

        void endHeaders() {
            inBody = true;
        }

        void line(String line) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            crlf();
        }

        private void crlf() {
            out.write('\r');
            out.write('\n');
        }

        /**
         * A text body with its Content-Type and Content-Transfer-Encoding headers (in a multipart, the part's headers;
         * otherwise the message's last headers), then the blank line and the encoded text.
         */
        void part(String type, String text, String boundary) throws MessagingException {
            byte[] utf8 = crlfLines(text).getBytes(StandardCharsets.UTF_8);
            String encoding = transferEncoding(utf8, boundary);
            header("Content-Type", type + "; charset=UTF-8");
            header("Content-Transfer-Encoding", encoding);
            if (inBody) {
                crlf();
            }
            inBody = true;
            if (encoding.equals("7bit")) {
                out.writeBytes(utf8);
            } else {
                StreamProvider streams = session.getStreamProvider();
                try (OutputStream encoder = encoding.equals("base64") ? streams.outputBase64(nonClosing(out))
                        : streams.outputQP(nonClosing(out))) {
                    encoder.write(utf8);
                } catch (IOException e) {
                    throw new IllegalStateException("writing to memory failed", e);
                }
            }
            // before a boundary the line break belongs to the delimiter (RFC 2046), so one is always written there
            if (boundary != null || !out.endsWithLineBreak()) {
                crlf();
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        /**
         * 7bit for ASCII text with lines SMTP can carry (and, in a multipart, without the boundary in it); otherwise
         * quoted-printable, or base64 when most bytes are not ASCII (as Jakarta Mail decides).
         */
        private static String transferEncoding(byte[] utf8, String boundary) {
            int nonAscii = 0;
            int lineLength = 0;
            boolean longLine = false;
            for (byte b : utf8) {
                if (b < 0) {
                    nonAscii++;
                }
                if (b == '\n') {
                    lineLength = 0;
                } else if (++lineLength > MAX_LINE) {
                    longLine = true;
                }
            }
            if (nonAscii == 0 && !longLine && (boundary == null
                    || !new String(utf8, StandardCharsets.US_ASCII).contains(boundary))) {
                return "7bit";
            }
            return nonAscii > utf8.length - nonAscii ? "base64" : "quoted-printable";
        }

        /** Every line break as CRLF (a lone CR or LF too), as SMTP and MIME text expect. */
        private static String crlfLines(String text) {
            if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
                return text;
            }
            return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        }

        /** A byte buffer that tells whether it ends a line. */
        private static final class Bytes extends ByteArrayOutputStream {
            Bytes() {
                super(4096);
            }

            boolean endsWithLineBreak() {
                return count == 0 || buf[count - 1] == '\n';
            }
        }

        private static OutputStream nonClosing(OutputStream out) {
            return new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
    }
}
