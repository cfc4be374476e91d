package dev.operon.sdk.testkit;

import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel that keeps what it is asked to deliver, for tests of plugins that send. It can be told to fail the next
 * sends (as a down server would, with an exception the caller should retry) or to reject every message
 * permanently. For end-to-end delivery tests use a real server on loopback instead.
 */
public final class RecordingChannel implements Channel {

    private final String id;
    private final List<Message> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean rejecting;

    /** A channel with id {@code id} ({@code <plugin-id>.<name>}, for example {@code notify.email}). */
    public RecordingChannel(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return "recording " + id;
    }

    @Override
    public Delivery send(Message message) throws IOException {
        attempts.incrementAndGet();
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("recording channel " + id + " told to fail");
        }
        if (rejecting) {
            return Delivery.rejected("recording channel " + id + " rejects every message");
        }
        delivered.add(message);
        return Delivery.ok("recorded");
    }

    /** The next {@code count} sends throw an {@link IOException}. */
    public RecordingChannel failNext(int count) {
        failures.set(count);
        return this;
    }

    /** From now on every send answers a permanent rejection (or, with {@code false}, delivers again). */
    public RecordingChannel rejectAll(boolean reject) {
        this.rejecting = reject;
        return this;
    }

    /** The messages delivered so far, in order. */
    public List<Message> delivered() {
        return List.copyOf(delivered);
    }

    /** Every call of {@link #send}, failed ones included. */
    public int attempts() {
        return attempts.get();
    }
}
