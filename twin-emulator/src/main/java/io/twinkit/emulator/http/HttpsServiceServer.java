package io.twinkit.emulator.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.twinkit.emulator.IotHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * The HTTPS service API of an {@link IotHub}, as the official service SDKs ({@code TwinClient}, {@code QueryClient},
 * {@code RegistryClient}) call it.
 */
public final class HttpsServiceServer implements AutoCloseable {

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final EventExecutorGroup hubCalls;
    private final Channel channel;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpsServiceServer(EventLoopGroup acceptor, EventLoopGroup io, EventExecutorGroup hubCalls,
                               Channel channel) {
        this.acceptor = acceptor;
        this.io = io;
        this.hubCalls = hubCalls;
        this.channel = channel;
        this.port = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Binds a server with its own event loops; everything started is shut down again if binding fails. */
    static HttpsServiceServer start(IotHub hub, ServiceAuthorizer authorizer, SSLContext sslContext,
                                    InetSocketAddress address) {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(address, "address");
        String name = "twinkit-https-" + hub.options().hubName();
        EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true));
        EventLoopGroup io = new NioEventLoopGroup(2, new DefaultThreadFactory(name + "-io", true));
        EventExecutorGroup hubCalls = new DefaultEventExecutorGroup(4, new DefaultThreadFactory(name + "-hub", true));
        try {
            Channel channel = new ServerBootstrap()
                    .group(acceptor, io)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 128)
                    .childHandler(new ServiceChannelInitializer(hub, authorizer, sslContext, hubCalls,
                            ServiceChannelInitializer.MAX_BODY_BYTES))
                    .bind(address)
                    .syncUninterruptibly()
                    .channel();
            return new HttpsServiceServer(acceptor, io, hubCalls, channel);
        } catch (Exception e) {
            // Netty rethrows the bind's checked IOException undeclared
            shutDown(List.of(acceptor, io, hubCalls));
            if (e instanceof IOException failure) {
                throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), failure);
            }
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IllegalStateException("cannot listen on " + address, e);
        }
    }

    /** Returns the port the server listens on; with port 0 requested, the free port it was given. */
    public int port() {
        return port;
    }

    /**
     * Stops listening, closes every connection and shuts down the server's threads, waiting a few seconds at most.
     * Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        shutDown(List.of(acceptor, io, hubCalls));
    }

    private static void shutDown(List<EventExecutorGroup> groups) {
        List<Future<?>> terminations = groups.stream()
                .<Future<?>>map(group -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS))
                .toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_TIMEOUT_SECONDS);
        for (Future<?> termination : terminations) {
            termination.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** Returns the port, for logs. */
    @Override
    public String toString() {
        return "HttpsServiceServer[port " + port + (closed.get() ? ", closed]" : "]");
    }
}
