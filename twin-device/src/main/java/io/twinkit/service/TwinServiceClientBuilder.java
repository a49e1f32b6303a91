package io.twinkit.service;

import io.twinkit.client.internal.EmulatorReadyLine;
import io.twinkit.client.internal.ExtraTrust;
import io.twinkit.service.internal.RenewingSasCredential;
import io.twinkit.service.internal.ServiceSdk;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link TwinServiceClient}. Not thread-safe; each {@link #build()} gives an independent client.
 *
 * <p>Against a hub: {@link #connectionString(String)}. Against a twinkit emulator with its private CA: either
 * {@link #connectionString(String)} plus {@link #trustCertificate(X509Certificate)}, or just
 * {@link #emulatorReadyLine(String)} with the emulator's {@code TWINKIT-EMULATOR-READY} line.
 */
public final class TwinServiceClientBuilder {

    private @Nullable ServiceConnectionString connectionString;
    private final List<X509Certificate> trusted = new ArrayList<>();
    private Duration tokenValidity = Duration.ofHours(1);
    private RetryOptions transientRetry = DEFAULT_TRANSIENT_RETRY;

    /**
     * How the fleet calls that are safe to repeat retry on throttling and transient errors when the builder is not
     * told: 4 attempts, 250 ms after the first failure, doubling up to 4 s.
     */
    static final RetryOptions DEFAULT_TRANSIENT_RETRY = new RetryOptions(4, Duration.ofMillis(250),
            Duration.ofSeconds(4));

    TwinServiceClientBuilder() {
    }

    /**
     * Sets the hub's service connection string (a policy with service-connect rights, e.g. iothubowner). The
     * host may carry a port, as an emulator's does.
     *
     * @param connectionString {@code HostName=…;SharedAccessKeyName=…;SharedAccessKey=…}
     * @return this builder
     * @throws IllegalArgumentException if the string is malformed (see {@link ServiceConnectionString#parse})
     */
    public TwinServiceClientBuilder connectionString(String connectionString) {
        this.connectionString = ServiceConnectionString.parse(connectionString);
        return this;
    }

    /**
     * Sets the hub's parsed service connection string.
     *
     * @param connectionString the connection string
     * @return this builder
     */
    public TwinServiceClientBuilder connectionString(ServiceConnectionString connectionString) {
        this.connectionString = Objects.requireNonNull(connectionString, "connectionString");
        return this;
    }

    /**
     * Trusts {@code ca} as a TLS root in addition to the JVM's trust store, for a hub with a private CA such as
     * the twinkit emulator ({@code emulator.caCertificate()}).
     *
     * <p><b>Global effect:</b> the service SDK has no TLS option of its own, so {@link #build()} installs, once per
     * JVM, a default {@link javax.net.ssl.HttpsURLConnection} socket factory whose trust manager accepts what the
     * JVM's default trust store accepts plus every CA registered this way. Every HttpsURLConnection of the JVM
     * then trusts these CAs; nothing else about TLS changes, and host names are still verified.
     *
     * @param ca the CA certificate
     * @return this builder
     */
    public TwinServiceClientBuilder trustCertificate(X509Certificate ca) {
        trusted.add(Objects.requireNonNull(ca, "ca"));
        return this;
    }

    /**
     * Configures the client for a running twinkit emulator from the line it prints when ready, so that no
     * certificate has to be handled by hand: sets the announced {@code serviceConnectionString} and
     * {@linkplain #trustCertificate(X509Certificate) trusts} the CA certificate(s) of its {@code caCertificatePem}
     * (the PEM text, so a client in another container needs none of the emulator's files), or for lines of older
     * emulators those in the PEM file named by {@code caCertificateFile} (with the same JVM-wide effect).
     *
     * <p>Takes the whole line as the launcher prints it ({@code TWINKIT-EMULATOR-READY {"hubName":…}}) or just the
     * JSON, as {@code TwinkitEmulator.readyInfo().toString()} gives it in a test:
     *
     * <pre>{@code
     * TwinServiceClient client = TwinServiceClient.builder()
     *         .emulatorReadyLine(emulator.readyInfo().toString())
     *         .build();
     * }</pre>
     *
     * <p>The CA is read here, not at {@link #build()}; a later {@link #connectionString(String)} overrides the
     * announced one.
     *
     * @param readyLineOrJson the ready line, or its JSON object
     * @return this builder
     * @throws IllegalArgumentException if the text is neither, lacks {@code serviceConnectionString} or both
     *     {@code caCertificatePem} and {@code caCertificateFile} as strings, the connection string is malformed, or
     *     the PEM text or file holds no X.509 certificate
     * @throws java.io.UncheckedIOException if the CA file cannot be read
     */
    public TwinServiceClientBuilder emulatorReadyLine(String readyLineOrJson) {
        EmulatorReadyLine ready = EmulatorReadyLine.parse(readyLineOrJson);
        this.connectionString = ServiceConnectionString.parse(ready.connectionString());
        trusted.addAll(ready.caCertificates());
        return this;
    }

    /**
     * Sets how long each SAS token is valid; tokens are re-minted when less than a fifth is left. Default 1 h.
     *
     * @param validity at least 10 seconds
     * @return this builder
     * @throws IllegalArgumentException if validity is under 10 seconds
     */
    public TwinServiceClientBuilder tokenValidity(Duration validity) {
        Objects.requireNonNull(validity, "validity");
        if (validity.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("token validity " + validity + " is under 10 seconds");
        }
        this.tokenValidity = validity;
        return this;
    }

    /**
     * Sets how the fleet calls that are safe to repeat are retried when the hub answers 429 (throttled), 500, 502,
     * 503 or 504, or cannot be reached: reading and cancelling jobs, reading and listing configurations, unconditional
     * configuration replacements and deletes, and the read-back that decides whether a job's schedule or a
     * configuration's creation went through (see {@link TwinJobClient} and {@link DeviceConfigurationClient}). Twin
     * reads and writes are not retried. Default: 4 attempts, 250 ms after the first failure, doubling up to 4 s.
     *
     * @param retry the attempts in all and the waits between them ({@code withMaxAttempts(1)} for none)
     * @return this builder
     */
    public TwinServiceClientBuilder transientRetry(RetryOptions retry) {
        this.transientRetry = Objects.requireNonNull(retry, "retry");
        return this;
    }

    /**
     * Builds the client. No request is sent.
     *
     * @return the client
     * @throws IllegalStateException if no connection string was set, or the extra trust cannot be installed
     */
    public TwinServiceClient build() {
        ServiceConnectionString cs = connectionString;
        if (cs == null) {
            throw new IllegalStateException("no connection string: call connectionString(...) before build()");
        }
        trusted.forEach(ExtraTrust::trust);
        RenewingSasCredential credential = new RenewingSasCredential(cs.sharedAccessKey(), cs.hostName(),
                cs.sharedAccessKeyName(), tokenValidity, Clock.systemUTC());
        return new TwinServiceClient(new ServiceSdk(cs.hostName(), credential), cs.hostName(), transientRetry);
    }
}
