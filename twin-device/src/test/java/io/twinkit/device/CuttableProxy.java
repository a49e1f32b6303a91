package io.twinkit.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a free loopback port in front of an emulator's port, which a test can cut (every relayed connection
 * closed at once and the port closed, so that new connections are refused: the network is gone) and restore (the
 * same port open again). TLS and WebSocket pass through untouched, so a device connecting to
 * {@code localhost:<port()>} sees the emulator's certificate.
 *
 * <p>A refused connection is what the device SDK retries; a connection accepted and closed at once fails its TLS
 * handshake, which the SDK takes for a permanent error and stops reconnecting ({@code DISCONNECTED},
 * {@code COMMUNICATION_ERROR}).
 */
final class CuttableProxy implements AutoCloseable {

    private final int target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile int accepted;

    CuttableProxy(int targetPort) {
        this.target = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
    }

    private ServerSocket listen(int on) {
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> accept(socket), "proxy-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return socket;
    }

    /** Returns the port devices connect to. */
    int port() {
        return port;
    }

    /** Returns how many connections the proxy accepted so far, cut or not. */
    int accepted() {
        return accepted;
    }

    /** Closes every relayed connection and the port, so that new connections are refused until {@link #restore()}. */
    synchronized void cut() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    /** Opens the port again and relays new connections. */
    synchronized void restore() {
        if (server.isClosed()) {
            server = listen(port);
        }
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return;
            }
            accepted++;
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        cut();
    }
}
