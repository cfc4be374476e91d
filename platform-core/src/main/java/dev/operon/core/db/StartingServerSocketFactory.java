package dev.operon.core.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * The PostgreSQL JDBC driver's socket factory ({@code socketFactory=} in the URL) while the embedded server starts
 * on a background thread: each new connection first waits until that server accepts connections, so the
 * application boots in parallel with the database and its first connection (Flyway's) simply waits. With no start
 * in progress it is a plain socket factory.
 */
public final class StartingServerSocketFactory extends SocketFactory {

    @Override
    public Socket createSocket() throws IOException {
        EmbeddedDatabase.awaitBackgroundStart();
        return new Socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        EmbeddedDatabase.awaitBackgroundStart();
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        EmbeddedDatabase.awaitBackgroundStart();
        return new Socket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        EmbeddedDatabase.awaitBackgroundStart();
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        EmbeddedDatabase.awaitBackgroundStart();
        return new Socket(address, port, localAddress, localPort);
    }
}
