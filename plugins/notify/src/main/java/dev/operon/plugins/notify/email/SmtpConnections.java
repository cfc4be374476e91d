package dev.operon.plugins.notify.email;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Connected SMTP transports kept between messages, so that a burst of messages pays for the TCP connection, the
 * greeting, EHLO, STARTTLS and AUTH once per connection instead of once per message. One set per configuration: when
 * the settings change, every idle connection is closed and the next message connects with the new ones. A connection
 * idle for longer than {@code idleTimeout} is closed (by a sweep and before reuse), well before servers drop idle
 * clients (Postfix: 300 s). At most {@code maxIdle} connections are kept; more may be in use at once.
 */
final class SmtpConnections implements AutoCloseable {

    /** A connected transport and when it was last handed back. */
    record Connection(Transport transport, SmtpSettings settings, long idleSinceNanos) {
    }

    private final int maxIdle;
    private final long idleTimeoutNanos;
    private final LongSupplier nanoTime;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private SmtpSettings settings;
    private Session session;
    private ScheduledExecutorService sweeper;
    private ScheduledFuture<?> sweep;
    private boolean closed;

    SmtpConnections(int maxIdle, java.time.Duration idleTimeout, LongSupplier nanoTime) {
        this.maxIdle = maxIdle;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * The mail session for these settings (one per configuration: building one scans the class path for providers,
     * which cost more than the send itself here).
     */
    synchronized Session session(SmtpSettings wanted) {
        if (!wanted.equals(settings)) {
            closeAll(drainIdle());
            settings = wanted;
            session = Session.getInstance(wanted.sessionProperties());
        }
        return session;
    }

    /** An idle connection made with {@code wanted}, or null when there is none (connect one with {@link #open}). */
    Connection take(SmtpSettings wanted) {
        List<Connection> stale = new ArrayList<>();
        Connection found = null;
        synchronized (this) {
            session(wanted);
            long now = nanoTime.getAsLong();
            while (found == null && !idle.isEmpty()) {
                Connection c = idle.pollLast();
                if (now - c.idleSinceNanos() > idleTimeoutNanos) {
                    stale.add(c);
                } else {
                    found = c;
                }
            }
        }
        closeAll(stale);
        return found;
    }

    /** A new connection (connect, greeting, EHLO, STARTTLS and AUTH as configured). */
    Connection open(SmtpSettings wanted) throws MessagingException {
        Session s = session(wanted);
        Transport transport;
        try {
            transport = s.getTransport("smtp");
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("no SMTP provider on the class path", e);
        }
        transport.connect(wanted.host(), wanted.port(), wanted.username().orElse(null), wanted.password());
        return new Connection(transport, wanted, 0);
    }

    /** Hands back a connection that just sent a message successfully (it is ready for the next MAIL FROM). */
    void giveBack(Connection connection) {
        Connection kept = new Connection(connection.transport(), connection.settings(), nanoTime.getAsLong());
        boolean keep;
        synchronized (this) {
            keep = !closed && connection.settings().equals(settings) && idle.size() < maxIdle;
            if (keep) {
                idle.addLast(kept);
                scheduleSweep();
            }
        }
        if (!keep) {
            quietlyClose(connection);
        }
    }

    /** Closes a connection after a failure: its state (and the server's) is unknown. */
    void discard(Connection connection) {
        quietlyClose(connection);
    }

    /** How many connections wait for the next message (for tests and the status line). */
    synchronized int idleCount() {
        return idle.size();
    }

    /** Closes the connections idle for longer than the timeout. */
    void sweep() {
        List<Connection> stale = new ArrayList<>();
        synchronized (this) {
            long now = nanoTime.getAsLong();
            idle.removeIf(c -> {
                boolean old = now - c.idleSinceNanos() > idleTimeoutNanos;
                if (old) {
                    stale.add(c);
                }
                return old;
            });
        }
        closeAll(stale);
    }

    @Override
    public void close() {
        List<Connection> all;
        synchronized (this) {
            closed = true;
            all = drainIdle();
            if (sweeper != null) {
                sweeper.shutdownNow();
                sweeper = null;
            }
        }
        closeAll(all);
    }

    private List<Connection> drainIdle() {
        List<Connection> all = new ArrayList<>(idle);
        idle.clear();
        return all;
    }

    private void scheduleSweep() {
        if (sweep != null && !sweep.isDone()) {
            return;
        }
        if (sweeper == null) {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "notify-smtp-idle");
                t.setDaemon(true);
                return t;
            });
        }
        long delay = Math.max(TimeUnit.NANOSECONDS.toMillis(idleTimeoutNanos), 1) + 50;
        sweep = sweeper.schedule(() -> {
            sweep();
            synchronized (SmtpConnections.this) {
                sweep = null;
                if (!idle.isEmpty() && !closed) {
                    scheduleSweep();
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static void closeAll(List<Connection> connections) {
        connections.forEach(SmtpConnections::quietlyClose);
    }

    private static void quietlyClose(Connection connection) {
        try {
            // sends QUIT when still connected
            connection.transport().close();
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone either way
        }
    }
}
