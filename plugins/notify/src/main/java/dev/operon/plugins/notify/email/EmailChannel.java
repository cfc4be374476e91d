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
import java.time.Duration;
import java.util.Optional;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * {@code notify.email}: one message to one address over SMTP, as {@code multipart/alternative} (text and HTML) when
 * the message has HTML. The idempotency key becomes the Message-ID. A 5xx refusal of the recipient or of the message
 * is a permanent rejection, as is a recipient that is not an e-mail address; every other failure throws. Connections
 * are kept for the next message ({@link SmtpConnections}); a failure on a kept one is tried once more on a new one.
 */
public final class EmailChannel implements Channel {

    /** The channel id. */
    public static final String ID = "notify.email";

    /** Connections kept between messages, at most (more may be open while messages are being sent). */
    static final int MAX_IDLE_CONNECTIONS = 8;
    /** How long a kept connection may wait for the next message before it is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    private final NotifyConfig config;
    private final Clock clock;
    private final SmtpConnections connections;

    public EmailChannel(NotifyConfig config, Clock clock) {
        this(config, clock, IDLE_TIMEOUT);
    }

    EmailChannel(NotifyConfig config, Clock clock, Duration idleTimeout) {
        this.config = config;
        this.clock = clock;
        this.connections = new SmtpConnections(MAX_IDLE_CONNECTIONS, idleTimeout, System::nanoTime);
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
        Session session = connections.session(settings);
        MimeMessage mime;
        try {
            mime = new MimeMail(session, settings.from(), Date.from(clock.instant())).build(to, message);
        } catch (MimeMail.InvalidMessage e) {
            return Delivery.rejected(e.getMessage());
        }
        SmtpConnections.Connection reused = connections.take(settings);
        if (reused != null) {
            try {
                return send(reused, mime, to);
            } catch (MessagingException e) {
                Optional<Delivery> permanent = SmtpFailures.permanent(e);
                if (permanent.isPresent()) {
                    return permanent.get();
                }
                // the server may have dropped a kept connection: once more on a new one (same Message-ID)
            }
        }
        try {
            return send(connections.open(settings), mime, to);
        } catch (MessagingException e) {
            return SmtpFailures.permanent(e).orElseThrow(() -> e);
        }
    }

    /** Sends on {@code connection}, keeps it for the next message on success and closes it on any failure. */
    private Delivery send(SmtpConnections.Connection connection, MimeMessage mime, InternetAddress to)
            throws MessagingException {
        try {
            Transport transport = connection.transport();
            transport.sendMessage(mime, new Address[] {to});
            String answer = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "accepted";
            connections.giveBack(connection);
            return Delivery.ok(SmtpFailures.oneLine(answer));
        } catch (MessagingException | RuntimeException e) {
            connections.discard(connection);
            throw e;
        }
    }

    /** How many connections wait for the next message. */
    int idleConnections() {
        return connections.idleCount();
    }

    /** Closes the kept SMTP connections. */
    public void close() {
        connections.close();
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
