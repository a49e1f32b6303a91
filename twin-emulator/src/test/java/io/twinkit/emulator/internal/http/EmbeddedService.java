package io.twinkit.emulator.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.twinkit.emulator.IotHub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The service API's real pipeline (HTTP codec, body-limit aggregator, request handler) in an {@link EmbeddedChannel}:
 * raw request bytes go in, and the response bytes are decoded by Netty's HTTP client decoder. No sockets, no TLS.
 */
final class EmbeddedService implements AutoCloseable {

    private final EmbeddedChannel server;
    private final EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder(),
            new HttpObjectAggregator(4 * 1024 * 1024));

    EmbeddedService(IotHub hub, ServiceAuthorizer authorizer) {
        this(hub, authorizer, ServiceChannelInitializer.MAX_BODY_BYTES);
    }

    EmbeddedService(IotHub hub, ServiceAuthorizer authorizer, int maxBodyBytes) {
        this.server = new EmbeddedChannel(new ServiceChannelInitializer(hub, authorizer, null, null, maxBodyBytes,
                channel -> { }));
    }

    /** Sends a request and returns its one response. */
    WireResponse request(String method, String target, Map<String, String> headers, @Nullable String body) {
        List<WireResponse> responses = raw(WireRequests.format(method, target, headers, body));
        if (responses.size() != 1) {
            throw new AssertionError("expected one response but got " + responses.size() + ": " + responses);
        }
        return responses.get(0);
    }

    /** Writes raw bytes to the server and returns every response they produced. */
    List<WireResponse> raw(String requestText) {
        return raw(requestText.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes raw bytes to the server and returns every response they produced. */
    List<WireResponse> raw(byte[] requestBytes) {
        server.writeInbound(Unpooled.wrappedBuffer(requestBytes));
        server.runPendingTasks();
        List<WireResponse> responses = new ArrayList<>();
        for (ByteBuf out = server.readOutbound(); out != null; out = server.readOutbound()) {
            client.writeInbound(out);
        }
        for (FullHttpResponse response = client.readInbound(); response != null; response = client.readInbound()) {
            try {
                responses.add(WireResponse.of(response));
            } finally {
                response.release();
            }
        }
        return responses;
    }

    /** Returns whether the server side kept the connection open. */
    boolean isOpen() {
        return server.isOpen();
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }
}
