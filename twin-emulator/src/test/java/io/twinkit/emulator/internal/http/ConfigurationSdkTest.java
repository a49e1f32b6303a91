package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.service.configurations.Configuration;
import com.microsoft.azure.sdk.iot.service.configurations.ConfigurationContent;
import com.microsoft.azure.sdk.iot.service.configurations.ConfigurationsClient;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubBadFormatException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubConflictException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubPreconditionFailedException;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import io.twinkit.core.Capabilities;
import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.HubConfiguration;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official service SDK's {@code ConfigurationsClient} (iot-service-client 2.1.9) against the emulator over real TLS
 * on a free loopback port, as a user calls it: create, get, replace, list, delete, apply modules content; and the
 * configurations section of a twin as its {@code TwinClient} reads it.
 */
@Timeout(60)
class ConfigurationSdkTest {

    private static SdkEmulator emulator;
    private static IotHub hub;
    private static ConfigurationsClient configurations;
    private static TwinClient twins;

    @BeforeAll
    static void start() {
        emulator = SdkEmulator.start(HubOptions.builder().configurationApplyDelay(Duration.ofMillis(50)).build());
        hub = emulator.hub();
        configurations = new ConfigurationsClient(emulator.host(), emulator.ownerCredential());
        twins = new TwinClient(emulator.host(), emulator.ownerCredential());
        hub.registry().createDevice(DeviceId.of("chiller-1"));
        hub.twins().report(TwinKey.device("chiller-1"), JsonValue.parseObject(
                "{\"chillerProperties\":{\"model\":\"4000x\"}}"), null);
        hub.registry().createDevice(DeviceIdentity.builder(TwinKey.device("edge-1"))
                .capabilities(new Capabilities(true)).build());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static Configuration chillerConfiguration(String id) {
        Configuration configuration = new Configuration(id);
        ConfigurationContent content = new ConfigurationContent();
        Map<String, Object> water = new HashMap<>();
        water.put("temperature", 66);
        water.put("pressure", 28.02);
        Map<String, Object> settings = new HashMap<>();
        settings.put("properties.desired.chiller-water", water);
        content.setDeviceContent(settings);
        configuration.setContent(content);
        configuration.getMetrics().setQueries(new HashMap<>(Map.of("waterSettingsPending",
                "SELECT deviceId FROM devices WHERE properties.reported.chillerWaterSettings.status='pending'")));
        configuration.setTargetCondition("properties.reported.chillerProperties.model='4000x'");
        configuration.setPriority(20);
        configuration.setLabels(new HashMap<>(Map.of("team", "hvac")));
        return configuration;
    }

    @Test
    void theSdkCreatesReadsReplacesListsAndDeletesAConfiguration() throws Exception {
        Configuration created = configurations.create(chillerConfiguration("sdk-crud"));
        assertThat(created.getId()).isEqualTo("sdk-crud");
        assertThat(created.getEtag()).isEqualTo("MQ==");
        assertThat(created.getCreatedTimeUtc()).isNotBlank();
        assertThat(created.getSchemaVersion()).isEqualTo("1.0");

        Configuration read = configurations.get("sdk-crud");
        assertThat(read.getPriority()).isEqualTo(20);
        assertThat(read.getLabels()).isEqualTo(Map.of("team", "hvac"));
        assertThat(read.getTargetCondition()).isEqualTo("properties.reported.chillerProperties.model='4000x'");
        assertThat(read.getMetrics().getQueries()).containsEntry("waterSettingsPending",
                "SELECT deviceId FROM devices WHERE properties.reported.chillerWaterSettings.status='pending'");
        @SuppressWarnings("unchecked")
        Map<String, Object> water = (Map<String, Object>) read.getContent().getDeviceContent()
                .get("properties.desired.chiller-water");
        assertThat(water).containsEntry("temperature", 66L).containsEntry("pressure", 28.02);
        HubConfiguration stored = hub.configurations().get("sdk-crud");
        assertThat(read.getCreatedTimeUtc()).isNotNull();
        assertThat(Instant.parse(read.getCreatedTimeUtc())).isEqualTo(stored.createdTime().orElseThrow());

        read.setPriority(1);
        Configuration replaced = configurations.replace(read);
        assertThat(replaced.getPriority()).isEqualTo(1);
        assertThat(replaced.getEtag()).isEqualTo("Mg==");
        assertThat(hub.configurations().get("sdk-crud").priority()).isEqualTo(1);

        List<Configuration> listed = configurations.get(10);
        assertThat(listed).extracting(Configuration::getId).contains("sdk-crud");

        assertThatThrownBy(() -> configurations.delete(read)).as("the etag read before the replace is stale")
                .isInstanceOf(IotHubPreconditionFailedException.class);
        configurations.delete(replaced);
        assertThatThrownBy(() -> configurations.get("sdk-crud")).isInstanceOf(IotHubNotFoundException.class);
        assertThat(hub.configurations().find("sdk-crud")).isEmpty();
    }

    @Test
    void theSdkSeesTheServicesErrors() throws Exception {
        configurations.create(chillerConfiguration("sdk-errors"));
        assertThatThrownBy(() -> configurations.create(chillerConfiguration("sdk-errors")))
                .isInstanceOf(IotHubConflictException.class).hasMessageContaining("409401");
        Configuration changed = configurations.get("sdk-errors");
        changed.getContent().getDeviceContent().put("properties.desired.other", 1);
        assertThatThrownBy(() -> configurations.replace(changed)).isInstanceOf(IotHubBadFormatException.class)
                .hasMessageContaining("400403");
        Configuration outside = new Configuration("sdk-outside");
        ConfigurationContent content = new ConfigurationContent();
        content.setDeviceContent(new HashMap<>(Map.of("tags.building", "43")));
        outside.setContent(content);
        assertThatThrownBy(() -> configurations.create(outside)).isInstanceOf(IotHubBadFormatException.class)
                .hasMessageContaining("400402");
        assertThatThrownBy(() -> configurations.delete("sdk-none")).isInstanceOf(IotHubNotFoundException.class);
        configurations.delete("sdk-errors");
    }

    @Test
    void aConfigurationReachesTheTwinTheSdkReads() throws Exception {
        configurations.create(chillerConfiguration("sdk-applied"));
        assertThat(hub.configurations().awaitApplied(Duration.ofSeconds(10))).isTrue();

        Twin twin = twins.get("chiller-1");
        assertThat(twin.getDesiredProperties().get("chiller-water").toString()).contains("66").contains("28.02");
        assertThat(twin.getConfigurations()).containsKey("sdk-applied");
        assertThat(hub.twins().get(TwinKey.device("chiller-1")).configurations())
                .containsEntry("sdk-applied", ConfigurationStatus.APPLIED);
        Configuration read = configurations.get("sdk-applied");
        assertThat(read.getSystemMetrics().getResults()).containsEntry("targetedCount", 1L)
                .containsEntry("appliedCount", 1L);
        assertThat(read.getMetrics().getResults()).containsEntry("waterSettingsPending", 0L);

        configurations.delete("sdk-applied");
        assertThat(hub.configurations().awaitApplied(Duration.ofSeconds(10))).isTrue();
        Twin after = twins.get("chiller-1");
        assertThat(after.getConfigurations()).isNull();
        assertThat(after.getDesiredProperties().get("chiller-water")).isNull();
    }

    @Test
    void theSdkAppliesModulesContentToAnEdgeDeviceAndNothingElse() throws Exception {
        ConfigurationContent deviceContent = new ConfigurationContent();
        deviceContent.setDeviceContent(new HashMap<>(Map.of("properties.desired.chiller-water",
                Map.of("temperature", 66))));
        assertThatThrownBy(() -> configurations.applyConfigurationContentOnDevice("chiller-1", deviceContent))
                .isInstanceOf(IotHubBadFormatException.class);

        ConfigurationContent modules = new ConfigurationContent();
        Map<String, Map<String, Object>> modulesContent = new HashMap<>();
        modulesContent.put("$edgeAgent", Map.of("properties.desired", Map.of("schemaVersion", "1.1")));
        modulesContent.put("$edgeHub", Map.of("properties.desired", Map.of("schemaVersion", "1.1")));
        modules.setModulesContent(modulesContent);
        assertThatThrownBy(() -> configurations.applyConfigurationContentOnDevice("chiller-1", modules))
                .as("not an Edge device").isInstanceOf(IotHubBadFormatException.class);
        assertThatThrownBy(() -> configurations.applyConfigurationContentOnDevice("nobody", modules))
                .isInstanceOf(IotHubNotFoundException.class);

        configurations.applyConfigurationContentOnDevice("edge-1", modules);
        assertThat(hub.twins().get(TwinKey.module("edge-1", "$edgeAgent")).desired().properties().toJson())
                .isEqualTo(JsonValue.parseObject("{\"schemaVersion\":\"1.1\"}"));
        assertThat(twins.get("edge-1", "$edgeHub").getDesiredProperties().get("schemaVersion")).isEqualTo("1.1");
    }
}
