package io.twinkit.emulator.internal.http;

import com.azure.core.credential.AzureSasCredential;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * A hub behind an {@link HttpsServiceServer} on a free loopback port, with the JVM's default HTTPS socket factory
 * trusting the emulator's CA while it runs (the service SDK has no trust option of its own, sdk-wire.md §3.1).
 * Closing restores the factory and stops server and hub.
 */
final class SdkEmulator implements AutoCloseable {

    private static EmulatorCertificates certificates;

    private final IotHub hub;
    private final HttpsServiceServer server;
    private final SSLSocketFactory previousFactory;

    private SdkEmulator(IotHub hub, HttpsServiceServer server, SSLSocketFactory previousFactory) {
        this.hub = hub;
        this.server = server;
        this.previousFactory = previousFactory;
    }

    /** Returns the certificates all tests of the JVM share; creating a CA costs a moment. */
    static synchronized EmulatorCertificates certificates() {
        if (certificates == null) {
            certificates = EmulatorCertificates.loadOrCreate(null);
        }
        return certificates;
    }

    static SdkEmulator start() {
        return start(HubOptions.defaults());
    }

    /** Starts a hub with {@code options} behind the server. */
    static SdkEmulator start(HubOptions options) {
        IotHub hub = IotHub.create(options);
        HttpsServiceServer server;
        try {
            server = HttpsServiceServer.start(hub, certificates(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
        SSLSocketFactory previous = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(certificates().clientSslContext().getSocketFactory());
        return new SdkEmulator(hub, server, previous);
    }

    IotHub hub() {
        return hub;
    }

    int port() {
        return server.port();
    }

    /** Returns the host the SDK clients are given: {@code localhost:<port>}. */
    String host() {
        return "localhost:" + server.port();
    }

    /** Returns a token of {@code policy}'s primary key for the hub-level resource {@code localhost}. */
    String policyToken(String policy, long expiry) {
        return policyToken(hub, policy, expiry);
    }

    /** Returns a token of {@code policy}'s primary key for the hub-level resource {@code localhost}. */
    static String policyToken(IotHub hub, String policy, long expiry) {
        SharedAccessPolicy found = hub.registry().policy(policy).orElseThrow();
        return SharedAccessSignature.create(found.primaryKey(), "localhost", expiry, policy);
    }

    /** Returns an {@code iothubowner} token valid for an hour. */
    String ownerToken() {
        return ownerToken(hub);
    }

    /** Returns an {@code iothubowner} token of {@code hub} valid for an hour. */
    static String ownerToken(IotHub hub) {
        return policyToken(hub, "iothubowner", Instant.now().getEpochSecond() + 3600);
    }

    AzureSasCredential ownerCredential() {
        return new AzureSasCredential(ownerToken());
    }

    RawTlsClient rawClient() throws IOException {
        return new RawTlsClient(certificates().clientSslContext(), server.port());
    }

    @Override
    public void close() {
        HttpsURLConnection.setDefaultSSLSocketFactory(previousFactory);
        try {
            server.close();
        } finally {
            hub.close();
        }
    }
}
