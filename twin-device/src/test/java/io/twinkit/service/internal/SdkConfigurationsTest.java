package io.twinkit.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AzureSasCredential;
import com.microsoft.azure.sdk.iot.service.configurations.Configuration;
import com.microsoft.azure.sdk.iot.service.configurations.ConfigurationsClient;
import io.twinkit.client.internal.ExtraTrust;
import io.twinkit.client.internal.SasTokens;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.ServiceConnectionString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Why {@link SdkConfigurations} writes and reads configurations over the SDK's transport instead of its
 * {@link ConfigurationsClient}: the client (2.1.9) replaces whatever version the hub has, and reads a module
 * configuration without its content. Should a later SDK fix either, these tests fail, and the adapter can go back to
 * the client.
 */
@Timeout(60)
class SdkConfigurationsTest {

    private static final String MODULE_CONFIGURATION = """
            {"id":"modules","schemaVersion":"1.0","labels":{},"priority":1,
             "targetCondition":"FROM devices.modules WHERE tags.role = 'sensor'",
             "content":{"moduleContent":{"properties.desired.sampling":{"rate":5}}},"metrics":{"queries":{}}}""";

    private static final String DEVICE_CONFIGURATION = """
            {"id":"versions","schemaVersion":"1.0","labels":{},"priority":1,
             "targetCondition":"tags.role = 'sensor'",
             "content":{"deviceContent":{"properties.desired.sampling":{"rate":5}}},"metrics":{"queries":{}}}""";

    private static TwinkitEmulator emulator;
    private static String host;
    private static SdkConfigurations adapter;
    private static ConfigurationsClient sdkClient;

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0).build());
        ExtraTrust.trust(emulator.caCertificate());
        ServiceConnectionString cs = ServiceConnectionString.parse(emulator.serviceConnectionString());
        host = cs.hostName();
        RenewingSasCredential credential = new RenewingSasCredential(cs.sharedAccessKey(), host,
                cs.sharedAccessKeyName(), Duration.ofHours(1), Clock.systemUTC());
        adapter = new SdkConfigurations(host, credential);
        sdkClient = new ConfigurationsClient(host, new AzureSasCredential(SasTokens.hubToken(cs.sharedAccessKey(),
                host, Instant.now().getEpochSecond() + 3600, cs.sharedAccessKeyName())));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void theSdkClientReadsAModuleConfigurationWithoutItsContentAndTheAdapterWithIt() throws Exception {
        adapter.put("modules", JsonValue.parseObject(MODULE_CONFIGURATION), null);

        Configuration throughTheClient = sdkClient.get("modules");
        JsonObject throughTheAdapter = adapter.get("modules");

        assertThat(throughTheClient.getContent().getModuleContent()).isNullOrEmpty();
        assertThat(throughTheAdapter.valueOrNull("content")).isEqualTo(JsonValue.parse(
                "{\"moduleContent\":{\"properties.desired.sampling\":{\"rate\":5}}}"));
        adapter.delete("modules", "*");
    }

    @Test
    void theSdkClientReplacesAnyVersionAndTheAdapterOnlyTheOneItNames() throws Exception {
        JsonObject created = adapter.put("versions", JsonValue.parseObject(DEVICE_CONFIGURATION), null);
        String firstEtag = "\"" + ((JsonString) created.valueOrNull("etag")).value() + "\"";
        adapter.put("versions", created.with("priority", JsonValue.of(2)), firstEtag);

        Configuration stale = sdkClient.get("versions");
        stale.setEtag(firstEtag);
        stale.setPriority(3);
        Configuration replaced = sdkClient.replace(stale);

        assertThat(replaced.getPriority()).as("the SDK sent If-Match: * whatever the etag").isEqualTo(3);
        assertThatThrownBy(() -> adapter.put("versions", created.with("priority", JsonValue.of(4)), firstEtag))
                .isInstanceOf(PreconditionFailedException.class);
        adapter.delete("versions", "*");
    }
}
