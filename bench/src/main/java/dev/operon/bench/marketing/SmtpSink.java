package dev.operon.bench.marketing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server that accepts every message and throws it away, counting messages and bytes: the receiver for
 * e-mail send-rate measurements, in the spirit of Postfix's {@code smtp-sink}. It speaks EHLO/HELO, MAIL, RCPT, DATA,
 * RSET, NOOP and QUIT on 127.0.0.1, advertises PIPELINING (replies are buffered and written when the client has sent
 * nothing more, so pipelined commands get their replies in one write), enforces the command order (503 otherwise)
 * and does no parsing beyond the command verb: its cost per message is small, so a sender measured against it is
 * measured, not the receiver.
 *
 * <p>Run in its own JVM so that it does not share the sender's heap, JIT or GC: {@code java -cp ...
 * dev.operon.bench.marketing.SmtpSink [port=0]}. It prints {@code listening <port>} once ready, then answers each line
 * on its standard input: {@code stats} prints {@code stats <messages> <bytes> <cpu-nanos> <connections>}; end of input
 * stops it.
 */
public final class SmtpSink {

    private static final byte[] GREETING = ascii("220 sink ESMTP ready\r\n");
    private static final byte[] EHLO = ascii("250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n");
    private static final byte[] OK = ascii("250 2.0.0 OK\r\n");
    private static final byte[] OK_SENDER = ascii("250 2.1.0 sender OK\r\n");
    private static final byte[] OK_RECIPIENT = ascii("250 2.1.5 recipient OK\r\n");
    private static final byte[] QUEUED = ascii("250 2.0.0 queued and discarded\r\n");
    private static final byte[] GO_AHEAD = ascii("354 end data with <CRLF>.<CRLF>\r\n");
    private static final byte[] BYE = ascii("221 2.0.0 bye\r\n");
    private static final byte[] BAD_SEQUENCE = ascii("503 5.5.1 bad sequence of commands\r\n");
    private static final byte[] UNKNOWN = ascii("502 5.5.2 command not implemented\r\n");
    private static final byte[] TOO_LONG = ascii("500 5.5.6 line too long\r\n");
    private static final int MAX_COMMAND = 4096;

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    private SmtpSink() {
    }

    public static void main(String[] args) throws IOException {
        int port = 0;
        for (String arg : args) {
            if (arg.startsWith("port=")) {
                port = Integer.parseInt(arg.substring(5));
            }
        }
        SmtpSink sink = new SmtpSink();
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        Thread acceptor = new Thread(() -> sink.accept(server), "sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        System.out.println("listening " + server.getLocalPort());
        System.out.flush();
        BufferedReader control = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        while ((line = control.readLine()) != null) {
            if (line.trim().equals("stats")) {
                System.out.printf(Locale.ROOT, "stats %d %d %d %d%n", sink.messages.get(), sink.bytes.get(),
                        cpuNanos(), sink.connections.get());
                System.out.flush();
            }
        }
        server.close();
        System.exit(0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(socket), "sink-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            new Session(in, out).run();
        } catch (IOException e) {
            // the client went away
        }
    }

    /** One SMTP conversation. */
    private final class Session {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] line = new byte[MAX_COMMAND];
        private boolean sender;
        private int recipients;

        Session(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            reply(GREETING);
            while (true) {
                int n = readLine();
                if (n < 0) {
                    return;
                }
                if (n > MAX_COMMAND - 2) {
                    reply(TOO_LONG);
                    continue;
                }
                String verb = verb(n);
                switch (verb) {
                    case "EHLO" -> {
                        reset();
                        reply(EHLO);
                    }
                    case "HELO", "NOOP" -> {
                        if (verb.equals("HELO")) {
                            reset();
                        }
                        reply(OK);
                    }
                    case "RSET" -> {
                        reset();
                        reply(OK);
                    }
                    case "MAIL" -> {
                        if (sender) {
                            reply(BAD_SEQUENCE);
                        } else {
                            sender = true;
                            reply(OK_SENDER);
                        }
                    }
                    case "RCPT" -> {
                        if (!sender) {
                            reply(BAD_SEQUENCE);
                        } else {
                            recipients++;
                            reply(OK_RECIPIENT);
                        }
                    }
                    case "DATA" -> {
                        if (recipients == 0) {
                            reply(BAD_SEQUENCE);
                        } else {
                            reply(GO_AHEAD);
                            if (!discardData()) {
                                return;
                            }
                            messages.incrementAndGet();
                            reset();
                            reply(QUEUED);
                        }
                    }
                    case "QUIT" -> {
                        out.write(BYE);
                        out.flush();
                        return;
                    }
                    default -> reply(UNKNOWN);
                }
            }
        }

        private void reset() {
            sender = false;
            recipients = 0;
        }

        /** Buffers a reply; writes the buffer only when the client has nothing more queued (PIPELINING). */
        private void reply(byte[] reply) throws IOException {
            out.write(reply);
            if (in.available() == 0) {
                out.flush();
            }
        }

        /** Reads the message up to the lone dot, counting its bytes; false when the connection ended first. */
        private boolean discardData() throws IOException {
            out.flush();
            long size = 0;
            int previous = '\n';
            int beforePrevious = '\r';
            int state = 0; // 0: in a line; 1: a line started with '.'; 2: '.' then '\r'
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                size++;
                boolean lineStart = previous == '\n' && beforePrevious == '\r';
                if (state == 0 && lineStart && b == '.') {
                    state = 1;
                } else if (state == 1) {
                    state = b == '\r' ? 2 : 0;
                } else if (state == 2) {
                    if (b == '\n') {
                        bytes.addAndGet(size - 3);
                        return true;
                    }
                    state = 0;
                }
                beforePrevious = previous;
                previous = b;
            }
        }

        /** Reads one line into {@link #line} without its CRLF; its length, -1 at end of input. */
        private int readLine() throws IOException {
            int n = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return -1;
                }
                if (b == '\n') {
                    return n > 0 && n <= line.length && line[n - 1] == '\r' ? n - 1 : n;
                }
                if (n < line.length) {
                    line[n] = (byte) b;
                }
                n++;
            }
        }

        private String verb(int length) {
            int end = 0;
            int max = Math.min(length, line.length);
            while (end < max && end < 4 && line[end] != ' ') {
                end++;
            }
            return new String(line, 0, end, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
