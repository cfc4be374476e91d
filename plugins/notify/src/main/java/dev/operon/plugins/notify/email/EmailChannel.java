package dev.operon.plugins.notify.email;

import dev.operon.plugins.notify.NotifyConfig;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * {@code notify.email}: one message to one address over SMTP, as {@code multipart/alternative} (text and HTML) when
 * the message has HTML. The idempotency key becomes the Message-ID. A 5xx refusal of the recipient or of the message
 * is a permanent rejection, as is a recipient that is not an e-mail address; every other failure throws.
 */
public final class EmailChannel implements Channel {

    /** The channel id. */
    public static final String ID = "notify.email";

    private final NotifyConfig config;
    private final Clock clock;

    public EmailChannel(NotifyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "E-mail (SMTP)";
    }

    @Override
    public Delivery send(Message message) throws MessagingException {
        SmtpSettings settings = SmtpSettings.read(config.current());
        InternetAddress to;
        try {
            to = new InternetAddress(message.recipient().trim(), true);
        } catch (AddressException e) {
            return Delivery.rejected("'" + message.recipient() + "' is not an e-mail address: " + e.getMessage());
        }
        Session session = Session.getInstance(settings.sessionProperties());
        MimeMessage mime;
        try {
            mime = new MimeMail(session, settings.from(), Date.from(clock.instant())).build(to, message);
        } catch (MimeMail.InvalidMessage e) {
            return Delivery.rejected(e.getMessage());
        }
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                    settings.password());
            transport.sendMessage(mime, new Address[] {to});
            String answer = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "accepted";
            return Delivery.ok(SmtpFailures.oneLine(answer));
        } catch (MessagingException e) {
            return SmtpFailures.permanent(e).orElseThrow(() -> e);
        }
    }

    /** Whether e-mail can be sent with the current configuration, and how, for operators. */
    public String status() {
        if (!config.started()) {
            return "not started";
        }
        try {
            return "ready: " + SmtpSettings.read(config.current()).describe();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Whether {@link #status()} says ready. */
    public boolean ready() {
        return status().startsWith("ready");
    }
}
