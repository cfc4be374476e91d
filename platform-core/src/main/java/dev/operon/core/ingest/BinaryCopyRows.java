package dev.operon.core.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Builds a PostgreSQL binary COPY stream ({@code COPY ... FROM STDIN WITH (FORMAT binary)}) of {@code event} rows:
 * timestamps go as microseconds, text as its UTF-8 bytes and jsonb as version 1 plus its text, so PostgreSQL parses
 * no timestamps and unescapes nothing (the text format made it do both for every row). Text must hold no NUL
 * characters: the callers refuse them earlier, and PostgreSQL would reject the row.
 */
final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds since 1970. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    private byte[] buffer;
    private int size;

    /** A stream starting with its header, in a buffer of {@code capacity} bytes to start with (it grows). */
    BinaryCopyRows(int capacity) {
        buffer = new byte[Math.max(1024, capacity)];
        write(SIGNATURE, 0, SIGNATURE.length);
        int32(0); // flags
        int32(0); // header extension length
    }

    /** Starts a row of {@code fields} columns. */
    BinaryCopyRows row(int fields) {
        int16(fields);
        return this;
    }

    BinaryCopyRows bigint(Long value) {
        if (value == null) {
            return nullField();
        }
        int32(8);
        int64(value);
        return this;
    }

    BinaryCopyRows text(String value) {
        if (value == null) {
            return nullField();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length);
        write(bytes, 0, bytes.length);
        return this;
    }

    BinaryCopyRows jsonb(String value) {
        if (value == null) {
            return nullField();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length + 1);
        ensure(1);
        buffer[size++] = 1; // jsonb binary format version
        write(bytes, 0, bytes.length);
        return this;
    }

    BinaryCopyRows timestamptz(Instant value) {
        if (value == null) {
            return nullField();
        }
        int32(8);
        int64(micros(value));
        return this;
    }

    /** Microseconds since PostgreSQL's epoch (the binary form of timestamptz); sub-microsecond parts are dropped. */
    static long micros(Instant value) {
        long seconds = value.getEpochSecond() - PG_EPOCH_SECONDS;
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), value.getNano() / 1000);
    }

    /** The whole stream, trailer included. */
    byte[] finish() {
        int16(-1);
        return buffer;
    }

    /** Bytes of the buffer that are used. */
    int size() {
        return size;
    }

    /** The buffer: its first {@link #size()} bytes are the stream so far (or since {@link #clear()}). */
    byte[] buffer() {
        return buffer;
    }

    /** Forgets the bytes written so far (after they were sent), keeping the buffer. */
    void clear() {
        size = 0;
    }

    private BinaryCopyRows nullField() {
        int32(-1);
        return this;
    }

    private void int16(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    private void int32(int value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    private void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }

    private void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
