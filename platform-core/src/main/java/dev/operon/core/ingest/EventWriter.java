package dev.operon.core.ingest;

import dev.operon.core.api.ServiceUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The write path of every event: callers hand in validated events and wait; writer threads take whatever requests
 * are waiting, write them in one transaction (dedupe entries, then COPY) and complete each request when that
 * transaction has committed. Accepted therefore means committed. The queue is bounded: a request that does not fit
 * is refused at once with 503 and {@code Retry-After}, never dropped later. See docs/ingestion.md and ADR 0008.
 */
@ApplicationScoped
public class EventWriter {

    private static final Logger LOG = Logger.getLogger(EventWriter.class);

    @Inject
    EventStore store;

    @Inject
    IngestConfig config;

    @Inject
    IngestMetrics metrics;

    /** What one {@link #append} did: events stored, and events dropped (duplicates, or of erased people). */
    public record Appended(int accepted, int dropped) {
    }

    private record Pending(List<IncomingEvent> events, CompletableFuture<Appended> done) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * Writes the events and returns once they are committed: the ones that are new are stored, duplicates of a
     * message id already stored for the same source within the dedupe window (or earlier in the list) are not.
     *
     * @throws ServiceUnavailableException (503, with a retry delay) when the queue is full, the database cannot be
     *                                     reached, or the commit did not happen within the commit timeout (the
     *                                     events may then still be committed; sending them again is safe)
     */
    public Appended append(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return new Appended(0, 0);
        }
        CompletableFuture<Appended> done = submit(events);
        try {
            return done.get(config.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            metrics.rejected("commit-timeout", events.size());
            throw unavailable("the events were not committed within " + config.commitTimeout().toSeconds()
                    + " s; they may still be stored: send them again (duplicates are dropped)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the commit");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Queues the events; the future completes when they are committed, or fails. */
    public CompletableFuture<Appended> submit(List<IncomingEvent> events) {
        if (stopping) {
            throw unavailable("the platform is stopping");
        }
        startWriters();
        int size = events.size();
        int after = queuedEvents.addAndGet(size);
        // a request larger than the whole queue still goes through when the queue is otherwise empty
        if (after > config.queueCapacity() && after != size) {
            queuedEvents.addAndGet(-size);
            metrics.rejected("overloaded", size);
            throw unavailable("the ingestion queue is full (" + config.queueCapacity() + " events); try again");
        }
        Pending pending = new Pending(List.copyOf(events), new CompletableFuture<>());
        queue.add(pending);
        return pending.done();
    }

    /** Events waiting for a writer. */
    public int queued() {
        return queuedEvents.get();
    }

    private ServiceUnavailableException unavailable(String detail) {
        return new ServiceUnavailableException(detail, config.retryAfterSeconds());
    }

    private synchronized void startWriters() {
        if (!writers.isEmpty() || stopping) {
            return;
        }
        metrics.queueDepth(queuedEvents::get);
        for (int i = 0; i < Math.max(1, config.writerThreads()); i++) {
            Thread thread = new Thread(this::loop, "event-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            writers.add(thread);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        List<Thread> started;
        synchronized (this) {
            stopping = true;
            started = List.copyOf(writers);
        }
        // writers finish what is queued (requests already waiting get their answer), then see the flag and exit
        for (Thread thread : started) {
            try {
                thread.join(config.commitTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void loop() {
        while (true) {
            Pending first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            List<Pending> group = new ArrayList<>();
            group.add(first);
            int count = first.events().size();
            while (count < config.maxWriteBatch()) {
                Pending next = queue.poll();
                if (next == null) {
                    break;
                }
                group.add(next);
                count += next.events().size();
            }
            queuedEvents.addAndGet(-count);
            try {
                write(group);
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "event writer failed on a group of %d requests", group.size());
                group.forEach(p -> p.done().completeExceptionally(e));
            }
        }
    }

    private void write(List<Pending> group) {
        List<IncomingEvent> all = new ArrayList<>();
        group.forEach(p -> all.addAll(p.events()));
        try {
            EventStore.Written written = writeWithRetry(all);
            Set<EventStore.DedupeKey> taken = new HashSet<>();
            for (Pending pending : group) {
                int accepted = written.acceptedOf(pending.events(), taken);
                pending.done().complete(new Appended(accepted, pending.events().size() - accepted));
            }
            metrics.accepted(written.accepted());
            metrics.deduplicated(written.duplicates());
            if (written.suppressed() > 0) {
                metrics.rejected("erased-person", written.suppressed());
            }
        } catch (SQLException e) {
            if (isUnavailable(e)) {
                LOG.warnf("event writer: database unavailable (%s); %d requests answered 503", e.getMessage(),
                        group.size());
                metrics.rejected("unavailable", all.size());
                ServiceUnavailableException failure = unavailable("the event store is unavailable; try again");
                group.forEach(p -> p.done().completeExceptionally(failure));
            } else if (group.size() > 1) {
                // one request's data broke the group's transaction: write each alone so only that one fails
                for (Pending pending : group) {
                    write(List.of(pending));
                }
            } else {
                LOG.errorf(e, "event writer: a request's events could not be stored");
                metrics.rejected("store-error", all.size());
                group.get(0).done().completeExceptionally(
                        new IllegalStateException("the events could not be stored: " + e.getMessage(), e));
            }
        }
    }

    private EventStore.Written writeWithRetry(List<IncomingEvent> events) throws SQLException {
        long started = System.nanoTime();
        EventStore.Written written = store.commit(events, method());
        metrics.written(events.size(), Duration.ofNanos(System.nanoTime() - started));
        return written;
    }

    EventStore.Method method() {
        return switch (config.writeMethod().toLowerCase(java.util.Locale.ROOT)) {
            case "insert" -> EventStore.Method.INSERT;
            case "copy-text" -> EventStore.Method.COPY_TEXT;
            default -> EventStore.Method.COPY;
        };
    }

    /** Connection failures and pool timeouts: the database is down or overloaded, not the data wrong. */
    static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException || (state != null && (state.startsWith("08")
                || state.startsWith("53") || state.startsWith("57")))
                || (e.getMessage() != null && e.getMessage().contains("Acquisition timeout"));
    }
}
