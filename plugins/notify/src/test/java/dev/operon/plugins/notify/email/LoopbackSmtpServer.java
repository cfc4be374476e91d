package dev.operon.plugins.notify.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small but real SMTP server on loopback for the tests: EHLO, STARTTLS, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA
 * (with dot-unstuffing), RSET, NOOP, QUIT. Recipients containing {@code bounce} are refused with 550, those containing
 * {@code greylist} with 451; a message whose body contains {@code REJECT-ME} is refused with 554 at the end of DATA.
 * It keeps every accepted message.
 */
final class LoopbackSmtpServer implements AutoCloseable {

    /** One accepted message: envelope, raw content, and how the session went. */
    record Received(String mailFrom, List<String> recipients, String data, String user, boolean tls) {
    }

    private final ServerSocket server;
    private final SSLContext tls;
    private final boolean implicitTls;
    private final String user;
    private final String password;
    private final boolean silent;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /**
     * @param tls         offers STARTTLS with this context (or, with {@code implicitTls}, speaks TLS from the start);
     *                    null for none
     * @param user        required login, or null for none
     * @param silent      accepts connections but never answers (for timeouts)
     */
    LoopbackSmtpServer(SSLContext tls, boolean implicitTls, String user, String password, boolean silent)
            throws IOException {
        this.tls = tls;
        this.implicitTls = implicitTls;
        this.user = user;
        this.password = password;
        this.silent = silent;
        this.server = implicitTls ? tls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress()) : new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "loopback-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static LoopbackSmtpServer plain() throws IOException {
        return new LoopbackSmtpServer(null, false, null, null, false);
    }

    int port() {
        return server.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    int connections() {
        return connections.get();
    }

    /** Drops every open connection without a word, as a server does with clients idle for too long. */
    void dropConnections() throws IOException {
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread session = new Thread(() -> serve(socket), "loopback-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket accepted) {
        Socket socket = accepted;
        try {
            socket.setSoTimeout(30_000);
            if (silent) {
                socket.getInputStream().read();
                return;
            }
            boolean secured = implicitTls;
            String authenticated = null;
            String from = null;
            List<String> recipients = new ArrayList<>();
            BufferedReader in = reader(socket);
            OutputStream out = socket.getOutputStream();
            reply(out, "220 loopback ESMTP test server");
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    StringBuilder answer = new StringBuilder("250-loopback greets you\r\n");
                    if (tls != null && !secured) {
                        answer.append("250-STARTTLS\r\n");
                    }
                    if (user != null) {
                        answer.append("250-AUTH PLAIN LOGIN\r\n");
                    }
                    answer.append("250 8BITMIME");
                    reply(out, answer.toString());
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 loopback");
                } else if (upper.equals("STARTTLS") && tls != null && !secured) {
                    reply(out, "220 2.0.0 ready to start TLS");
                    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                            socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    socket = ssl;
                    open.add(ssl);
                    secured = true;
                    in = reader(socket);
                    out = socket.getOutputStream();
                } else if (upper.startsWith("AUTH PLAIN")) {
                    String encoded = line.length() > "AUTH PLAIN".length() ? line.substring(11).trim() : null;
                    if (encoded == null || encoded.isEmpty()) {
                        reply(out, "334 ");
                        encoded = in.readLine();
                    }
                    String[] parts = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)
                            .split("\0", -1);
                    authenticated = login(out, parts[1], parts[2]) ? parts[1] : null;
                } else if (upper.startsWith("AUTH LOGIN")) {
                    reply(out, "334 VXNlcm5hbWU6");
                    String name = decode(in.readLine());
                    reply(out, "334 UGFzc3dvcmQ6");
                    String pass = decode(in.readLine());
                    authenticated = login(out, name, pass) ? name : null;
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (user != null && authenticated == null) {
                        reply(out, "530 5.7.0 authentication required");
                        continue;
                    }
                    from = address(line);
                    recipients.clear();
                    reply(out, "250 2.1.0 sender ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    String to = address(line);
                    if (to.contains("bounce")) {
                        reply(out, "550 5.1.1 <" + to + ">: no such user");
                    } else if (to.contains("greylist")) {
                        reply(out, "451 4.7.1 <" + to + ">: greylisted, try again later");
                    } else {
                        recipients.add(to);
                        reply(out, "250 2.1.5 recipient ok");
                    }
                } else if (upper.equals("DATA")) {
                    reply(out, "354 end data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    // the line break before the final dot belongs to the terminator, not to the content
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        if (!data.isEmpty()) {
                            data.append("\r\n");
                        }
                        data.append(dataLine.startsWith(".") ? dataLine.substring(1) : dataLine);
                    }
                    if (data.indexOf("REJECT-ME") >= 0) {
                        reply(out, "554 5.6.0 message content refused");
                    } else {
                        received.add(new Received(from, List.copyOf(recipients), data.toString(), authenticated,
                                secured));
                        reply(out, "250 2.0.0 queued as " + received.size());
                    }
                } else if (upper.equals("RSET")) {
                    recipients.clear();
                    reply(out, "250 2.0.0 reset");
                } else if (upper.equals("NOOP")) {
                    reply(out, "250 2.0.0 ok");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 command not recognised");
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private boolean login(OutputStream out, String name, String pass) throws IOException {
        boolean ok = user != null && user.equals(name) && password.equals(pass);
        reply(out, ok ? "235 2.7.0 authenticated" : "535 5.7.8 bad credentials");
        return ok;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).trim();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
