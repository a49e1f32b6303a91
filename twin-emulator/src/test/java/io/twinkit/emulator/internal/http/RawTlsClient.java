package io.twinkit.emulator.internal.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A client that writes raw bytes over a real TLS socket (hostname verified) and decodes the answers with Netty's
 * HTTP client decoder, for requests no SDK would send.
 */
public final class RawTlsClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5_000;

    private final SSLSocket socket;
    private final InputStream in;
    private final EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(),
            new HttpObjectAggregator(4 * 1024 * 1024));
    private final List<WireResponse> pending = new ArrayList<>();

    /** Connects to localhost:{@code port} over TLS with {@code clientContext}, verifying the host name. */
    public RawTlsClient(SSLContext clientContext, int port) throws IOException {
        socket = (SSLSocket) clientContext.getSocketFactory().createSocket("localhost", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        // no Nagle delay: the request follows the handshake's last flight at once
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.startHandshake();
        in = socket.getInputStream();
    }

    /** Waits up to {@code millis} for each read from now on (5 s by default); returns this client. */
    public RawTlsClient readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    /** Writes raw text; a write the server refuses by closing is not an error here. */
    public RawTlsClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes raw bytes; returns this client. */
    public RawTlsClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads until {@code count} responses arrived, failing after the timeout or at the end of the stream. */
    public List<WireResponse> read(int count) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        while (pending.size() < count) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the connection after " + pending.size() + " of " + count
                        + " responses");
            }
            decoder.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(buffer, n)));
            for (FullHttpResponse r = decoder.readInbound(); r != null; r = decoder.readInbound()) {
                try {
                    pending.add(WireResponse.of(r));
                } finally {
                    r.release();
                }
            }
        }
        List<WireResponse> result = new ArrayList<>(pending.subList(0, count));
        pending.subList(0, count).clear();
        return result;
    }

    /** Reads the next response, as {@link #read(int)} does. */
    public WireResponse readOne() throws IOException {
        return read(1).get(0);
    }

    /** Returns whether the server closed the connection: the next read ends the stream instead of timing out. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SSLException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        decoder.finishAndReleaseAll();
        socket.close();
    }
}
