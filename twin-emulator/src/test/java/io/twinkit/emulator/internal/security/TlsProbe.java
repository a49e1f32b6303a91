package io.twinkit.emulator.internal.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/** A real TLS handshake on 127.0.0.1 between a server and a client context, bounded in time. */
final class TlsProbe {

    private static final int TIMEOUT_MILLIS = 5000;

    private TlsProbe() {
    }

    /**
     * Connects a client that verifies {@code host} (endpoint identification {@code HTTPS}) to a server on a free port
     * of 127.0.0.1, exchanges one byte and returns the negotiated protocol.
     *
     * @param protocol the only protocol the client offers, or {@code null} for its defaults
     */
    static String handshake(SSLContext server, SSLContext client, String host, @Nullable String protocol)
            throws Exception {
        ExecutorService acceptor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            listener.setSoTimeout(TIMEOUT_MILLIS);
            Future<Integer> echoed = acceptor.submit(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout(TIMEOUT_MILLIS);
                    int b = accepted.getInputStream().read();
                    accepted.getOutputStream().write(b);
                    accepted.getOutputStream().flush();
                    return b;
                }
            });
            String negotiated = connect(client, host, listener.getLocalPort(), protocol);
            try {
                echoed.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the server side failed after the client succeeded", e.getCause());
            }
            return negotiated;
        } finally {
            acceptor.shutdownNow();
            if (!acceptor.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the server thread did not stop");
            }
        }
    }

    private static String connect(SSLContext client, String host, int port, @Nullable String protocol)
            throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MILLIS);
            raw.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(raw, host, port, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                if (protocol != null) {
                    parameters.setProtocols(new String[] {protocol});
                }
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() != 42) {
                    throw new IOException("the server did not echo the byte");
                }
                return socket.getSession().getProtocol();
            }
        } finally {
            raw.close();
        }
    }
}
