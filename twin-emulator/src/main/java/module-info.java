/**
 * twin-emulator: a local IoT Hub. {@code io.twinkit.emulator} is the hub ({@link io.twinkit.emulator.IotHub}, its
 * options, registry, twins, queries, values and exceptions), {@code io.twinkit.emulator.server} the wire emulator
 * (HTTPS service API, MQTT device API, its certificates and command line) and {@code io.twinkit.emulator.junit} the
 * JUnit 5 extension. Everything under {@code io.twinkit.emulator.internal} (the hub's store, query engine, HTTPS,
 * MQTT and SAS security) is implementation.
 */
// Netty 4.1, h2's MVStore and slf4j 1.7 are automatic modules (named by Automatic-Module-Name)
@SuppressWarnings("requires-automatic")
module io.twinkit.emulator {
    requires transitive io.twinkit.core;
    requires transitive io.twinkit.query;
    requires static transitive org.jspecify;
    // only the JUnit 5 extension (io.twinkit.emulator.junit) needs JUnit; its users have it already
    requires static transitive org.junit.jupiter.api;
    requires static org.junit.platform.commons;
    requires com.h2database.mvstore;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires org.slf4j;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.mqtt;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;

    exports io.twinkit.emulator;
    exports io.twinkit.emulator.junit;
    exports io.twinkit.emulator.server;

    // IotHub.create finds the hub implementation as a service, so the API package does not depend on it
    uses io.twinkit.emulator.IotHub.Provider;
    provides io.twinkit.emulator.IotHub.Provider with io.twinkit.emulator.internal.hub.HubProvider;
}
