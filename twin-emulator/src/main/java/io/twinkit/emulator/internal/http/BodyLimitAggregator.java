package io.twinkit.emulator.internal.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.twinkit.core.error.IotHubErrorCode;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Netty's aggregator with the service's answer to a body over the limit: 413 with a {@code MESSAGE_TOO_LARGE}
 * (413001) error body instead of Netty's empty one. As in Netty, a keep-alive request whose size shows in its headers
 * keeps the connection (the rest of its body is read and dropped); a body found too large while streaming closes it.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {

    private final int maxBodyBytes;
    private final Clock clock;

    BodyLimitAggregator(int maxBodyBytes, Clock clock) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof io.netty.handler.codec.http.HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        FullHttpResponse response = tooLarge();
        if (oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    @Override
    protected @Nullable Object newContinueResponse(HttpMessage start, int maxContentLength,
                                                   ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse full
                && full.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
            ReferenceCountUtil.release(full);
            return tooLarge();
        }
        return response;
    }

    private FullHttpResponse tooLarge() {
        return ServiceResponses.error(IotHubErrorCode.MESSAGE_TOO_LARGE.httpStatus(),
                IotHubErrorCode.MESSAGE_TOO_LARGE.code(), "the request body is larger than the " + maxBodyBytes
                        + " bytes the emulator accepts", ServiceResponses.newTrackingId(), clock.instant());
    }
}
