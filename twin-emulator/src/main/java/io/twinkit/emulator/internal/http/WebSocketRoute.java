package io.twinkit.emulator.internal.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.emulator.internal.ConnectionGuard;
import io.twinkit.emulator.internal.MqttWebSocketUpgrade;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves MQTT over WebSocket on the HTTPS port, as IoT Hub does on 443: the SDKs' {@code MQTT_WS} asks for
 * {@code GET /$iothub/websocket} with {@code Upgrade: websocket} (subprotocol {@code mqtt}) on the host name of the
 * connection string, and the Node SDK cannot use another port. Such a request, as a connection's first, switches the
 * connection's pipeline to the MQTT front end's ({@link MqttWebSocketUpgrade}): the service handlers and the idle
 * timeout leave, the WebSocket handshake and the MQTT handlers (CONNECT timeout, sessions, authentication) take over.
 * The connection then counts under the MQTT connection cap instead of the HTTPS one; when the MQTT cap is reached the
 * upgrade is answered 503 (503001) and the connection closed.
 *
 * <p>A request for that path without {@code Upgrade: websocket}, or after other requests on the same connection, is
 * answered 400 (400) naming the problem and the connection closed. Any other request passes untouched. It sits
 * right after the idle timeout, before the body aggregator; all methods run on the channel's event loop.
 */
final class WebSocketRoute extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRoute.class);

    private final MqttWebSocketUpgrade upgrade;
    private final ConnectionGuard httpsGuard;
    private final Clock clock;
    private boolean firstRequest = true;
    private boolean refused;

    WebSocketRoute(MqttWebSocketUpgrade upgrade, ConnectionGuard httpsGuard, Clock clock) {
        this.upgrade = upgrade;
        this.httpsGuard = httpsGuard;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            // the rest of a refused request, while its answer closes the connection
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof HttpRequest request) || !request.decoderResult().isSuccess()
                || !isWebSocketPath(request.uri())) {
            if (msg instanceof HttpRequest) {
                firstRequest = false;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refuse(ctx, msg, 400, 400, MqttWebSocketUpgrade.PATH + " serves MQTT over WebSocket only: the request "
                    + "must be a WebSocket upgrade (Connection: Upgrade, Upgrade: websocket, Sec-WebSocket-Protocol:"
                    + " mqtt)");
        } else if (!firstRequest) {
            refuse(ctx, msg, 400, 400, "a WebSocket upgrade to " + MqttWebSocketUpgrade.PATH + " must be the first "
                    + "request of its connection");
        } else if (!upgrade.admit(ctx.channel())) {
            refuse(ctx, msg, IotHubErrorCode.SERVICE_UNAVAILABLE.httpStatus(), IotHubErrorCode.SERVICE_UNAVAILABLE
                    .code(), "the emulator's MQTT connections are at their maximum (--mqtt-max-connections); "
                    + "MQTT over WebSocket is refused until one closes");
        } else {
            switchToMqtt(ctx, msg);
        }
    }

    private void switchToMqtt(ChannelHandlerContext ctx, Object upgradeRequest) {
        httpsGuard.release(ctx.channel());
        ChannelPipeline pipeline = ctx.pipeline();
        try {
            for (String name : new String[] {"idle", "body", "service"}) {
                if (pipeline.get(name) != null) {
                    pipeline.remove(name);
                }
            }
            upgrade.addHandlers(pipeline);
        } catch (RuntimeException e) {
            // the MQTT front end is shutting down
            LOG.debug("cannot upgrade {} to MQTT over WebSocket: {}", ctx.channel().remoteAddress(), e.toString());
            ReferenceCountUtil.release(upgradeRequest);
            ctx.close();
            return;
        }
        ctx.fireChannelRead(upgradeRequest);
        pipeline.remove(this);
    }

    private void refuse(ChannelHandlerContext ctx, Object request, int status, int errorCode, String message) {
        refused = !(request instanceof LastHttpContent);
        ReferenceCountUtil.release(request);
        FullHttpResponse response = ServiceResponses.error(status, errorCode, message,
                ServiceResponses.newTrackingId(), clock.instant());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** Returns whether {@code uri} is {@value MqttWebSocketUpgrade#PATH}, with or without a query string. */
    static boolean isWebSocketPath(String uri) {
        return uri.equals(MqttWebSocketUpgrade.PATH) || uri.startsWith(MqttWebSocketUpgrade.PATH + "?");
    }
}
