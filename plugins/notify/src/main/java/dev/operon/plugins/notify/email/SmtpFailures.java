package dev.operon.plugins.notify.email;

import dev.operon.sdk.channel.Delivery;
import jakarta.mail.MessagingException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Which SMTP failures are permanent for the message: the server refused the recipient (RCPT) or the message (end of
 * DATA) with a 5xx code. Everything else (4xx answers, connection and TLS failures, a refused login or sender, which
 * are configuration problems every message would share) is left to the caller to retry.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    /** The permanent rejection {@code failure} stands for, or empty when it may pass. */
    static Optional<Delivery> permanent(MessagingException failure) {
        for (Exception e : chain(failure)) {
            if (e instanceof SMTPSenderFailedException) {
                return Optional.empty();
            }
            if (e instanceof SMTPAddressFailedException a && isPermanent(a.getReturnCode())) {
                return Optional.of(Delivery.rejected("recipient " + a.getAddress() + " refused: "
                        + oneLine(a.getMessage())));
            }
            if (e instanceof SMTPSendFailedException s && isPermanent(s.getReturnCode())) {
                return Optional.of(Delivery.rejected("message refused: " + oneLine(s.getMessage())));
            }
        }
        return Optional.empty();
    }

    private static boolean isPermanent(int code) {
        return code >= 500 && code < 600;
    }

    /** The exception, the exceptions it nests ({@code getNextException}) and their causes. */
    private static Set<Exception> chain(Exception first) {
        Set<Exception> seen = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(first);
        Set<Throwable> visited = new HashSet<>();
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!visited.add(t)) {
                continue;
            }
            if (t instanceof Exception e) {
                seen.add(e);
            }
            if (t instanceof MessagingException m && m.getNextException() != null) {
                todo.add(m.getNextException());
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
        }
        return seen;
    }

    static String oneLine(String text) {
        return text == null ? "" : String.join(" ", text.strip().split("\\s*\\R\\s*"));
    }
}
