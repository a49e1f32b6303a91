package io.twinkit.emulator;

import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.TwinKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.AuthenticationType;
import io.twinkit.core.Capabilities;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.ETag;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinTime;
import io.twinkit.core.X509Thumbprint;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The identity registry: CRUD, keys, etags, errors, cascades and what the twin shows of an identity. */
class RegistryTest {

    private static final Instant NOW = Instant.parse("2024-03-04T05:06:07.891Z");
    private static final DeviceId DEV = DeviceId.of("reg-1");
    private static final ModuleId MOD = ModuleId.of("filter");

    private final IotHub hub = IotHub.create(HubOptions.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
    private final DeviceRegistry registry = hub.registry();

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void aNewDeviceIsEnabledDisconnectedWithGeneratedSasKeysAndAFreshTwin() {
        DeviceIdentity device = registry.createDevice(DEV);
        assertThat(device.key()).isEqualTo(TwinKey.device(DEV));
        assertThat(device.status()).isEqualTo(DeviceStatus.ENABLED);
        assertThat(device.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(device.statusUpdatedTime()).isEqualTo(TwinTime.NEVER);
        assertThat(device.generationId().orElseThrow()).matches("[0-9]{18}");
        assertThat(device.capabilities()).contains(new Capabilities(false));
        SymmetricKey keys = device.authentication().symmetricKey();
        assertThat(device.authentication().type()).isEqualTo(AuthenticationType.SAS);
        assertThat(Base64.getDecoder().decode(keys.primaryKey())).hasSize(32);
        assertThat(Base64.getDecoder().decode(keys.secondaryKey())).hasSize(32);
        assertThat(keys.primaryKey()).isNotEqualTo(keys.secondaryKey());
        assertThat(decimalCounter(device.etag().orElseThrow())).isPositive();
        assertThat(registry.getDevice(DEV)).isEqualTo(device);

        TwinDocument twin = hub.twins().get(TwinKey.device(DEV));
        assertThat(twin.etag()).contains(ETag.ofCounter(1));
        assertThat(twin.version()).hasValue(2);
        assertThat(twin.deviceEtag()).isEqualTo(device.etag());
        assertThat(twin.authenticationType()).contains(AuthenticationType.SAS);
        assertThat(twin.capabilities()).contains(new Capabilities(false));
        assertThat(twin.moduleId()).isEmpty();
    }

    @Test
    void keysAClientSuppliesAreKept() {
        String primary = Base64.getEncoder().encodeToString("primary-key-of-sixteen".getBytes(StandardCharsets.UTF_8));
        String secondary = SharedAccessPolicy.newKey();
        DeviceIdentity device = registry.createDevice(DeviceIdentity.builder(TwinKey.device(DEV))
                .authentication(DeviceAuthentication.sas(primary, secondary)).build());
        assertThat(device.authentication().symmetricKey())
                .isEqualTo(new SymmetricKey(primary, secondary));
    }

    @Test
    void otherAuthenticationTypesShowInTheTwin() {
        registry.createDevice(DeviceIdentity.builder(TwinKey.device("x509"))
                .authentication(DeviceAuthentication.selfSigned("ABC123", null)).build());
        registry.createDevice(DeviceIdentity.builder(TwinKey.device("ca"))
                .authentication(DeviceAuthentication.certificateAuthority()).build());
        registry.createDevice(DeviceIdentity.builder(TwinKey.device("none"))
                .authentication(DeviceAuthentication.none()).build());
        TwinDocument x509 = hub.twins().get(TwinKey.device("x509"));
        assertThat(x509.authenticationType()).contains(AuthenticationType.SELF_SIGNED);
        assertThat(x509.x509Thumbprint()).contains(new X509Thumbprint("ABC123", null));
        assertThat(registry.getDevice(DeviceId.of("x509")).authentication().symmetricKey()).isNull();
        assertThat(hub.twins().get(TwinKey.device("ca")).authenticationType())
                .contains(AuthenticationType.CERTIFICATE_AUTHORITY);
        assertThat(hub.twins().get(TwinKey.device("none")).authenticationType()).contains(AuthenticationType.NONE);
        assertThatThrownBy(() -> new DeviceAuthentication(AuthenticationType.SELF_SIGNED, null,
                X509Thumbprint.none())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("primaryThumbprint");
    }

    @Test
    void creatingTwiceIs409AndMissingParentsAre404() {
        registry.createDevice(DEV);
        registry.createModule(DEV, MOD);
        assertError(() -> registry.createDevice(DEV), DeviceAlreadyExistsException.class, 409001);
        assertError(() -> registry.createModule(DEV, MOD), ModuleAlreadyExistsException.class, 409301);
        assertError(() -> registry.createModule(DeviceId.of("absent"), MOD), DeviceNotFoundException.class, 404001);
        assertError(() -> registry.getDevice(DeviceId.of("absent")), DeviceNotFoundException.class, 404001);
        assertError(() -> registry.getModule(DEV, ModuleId.of("absent")), ModuleNotFoundException.class, 404010);
        assertError(() -> registry.getModule(DeviceId.of("absent"), MOD), DeviceNotFoundException.class, 404001);
        assertError(() -> hub.twins().get(TwinKey.module(DEV, ModuleId.of("absent"))),
                ModuleNotFoundException.class, 404010);
        assertThatThrownBy(() -> registry.createDevice(DeviceIdentity.builder(TwinKey.module(DEV, MOD)).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aModuleHasItsOwnTwinWithModuleIdAndNoCapabilities() {
        registry.createDevice(DEV);
        DeviceIdentity module = registry.createModule(DeviceIdentity.builder(TwinKey.module(DEV, MOD))
                .managedBy("IotEdge").build());
        assertThat(module.managedBy()).contains("IotEdge");
        assertThat(module.capabilities()).isEmpty();
        TwinDocument twin = hub.twins().get(TwinKey.module(DEV, MOD));
        assertThat(twin.moduleId()).contains(MOD);
        assertThat(twin.capabilities()).isEmpty();
        assertThat(twin.deviceEtag()).isEqualTo(module.etag());
        assertThat(registry.modules(DEV)).containsExactly(module);
    }

    @Test
    void updatingTheStatusChangesTheIdentityEtagAndTheTwinButNotTheTwinEtagOrVersion() {
        DeviceIdentity device = registry.createDevice(DEV);
        TwinDocument before = hub.twins().get(device.key());
        DeviceIdentity disabled = registry.update(device.toBuilder().status(DeviceStatus.DISABLED)
                .statusReason("stolen").build(), device.etag().orElseThrow().value());

        assertThat(disabled.etag()).isNotEqualTo(device.etag());
        assertThat(decimalCounter(disabled.etag().orElseThrow()))
                .isGreaterThan(decimalCounter(device.etag().orElseThrow()));
        assertThat(disabled.status()).isEqualTo(DeviceStatus.DISABLED);
        assertThat(disabled.statusReason()).contains("stolen");
        assertThat(disabled.statusUpdatedTime()).isEqualTo(NOW);
        assertThat(disabled.authentication()).isEqualTo(device.authentication());
        assertThat(disabled.generationId()).isEqualTo(device.generationId());

        TwinDocument after = hub.twins().get(device.key());
        assertThat(after.status()).contains(DeviceStatus.DISABLED);
        assertThat(after.statusReason()).contains("stolen");
        assertThat(after.statusUpdateTime()).contains(NOW);
        assertThat(after.deviceEtag()).isEqualTo(disabled.etag());
        assertThat(after.etag()).isEqualTo(before.etag());
        assertThat(after.version()).isEqualTo(before.version());

        DeviceIdentity again = registry.update(disabled.toBuilder().statusReason("found").build(), null);
        assertThat(again.statusUpdatedTime()).as("no status change, no new status time").isEqualTo(NOW);
        assertThat(again.etag()).isNotEqualTo(disabled.etag());
    }

    @Test
    void anUpdateWithAStaleEtagIs412AndChangesNothing() {
        DeviceIdentity device = registry.createDevice(DEV);
        DeviceIdentity updated = registry.update(device.toBuilder().statusReason("one").build(),
                device.etag().orElseThrow().quoted());
        assertError(() -> registry.update(device.toBuilder().status(DeviceStatus.DISABLED).build(),
                device.etag().orElseThrow().value()), PreconditionFailedException.class, 412001);
        assertThat(registry.getDevice(DEV)).isEqualTo(updated);
        assertThat(registry.update(updated.toBuilder().statusReason("two").build(), "*").statusReason())
                .contains("two");
    }

    @Test
    void anUpdateWithoutKeysKeepsTheCurrentKeysAndNewKeysReplaceThem() {
        DeviceIdentity device = registry.createDevice(DEV);
        DeviceIdentity kept = registry.update(device.toBuilder()
                .authentication(DeviceAuthentication.sas()).build(), null);
        assertThat(kept.authentication()).isEqualTo(device.authentication());
        SymmetricKey fresh = SymmetricKey.generate();
        DeviceIdentity rotated = registry.update(device.toBuilder().authentication(
                DeviceAuthentication.sas(fresh.primaryKey(), fresh.secondaryKey())).build(), null);
        assertThat(rotated.authentication().symmetricKey()).isEqualTo(fresh);
    }

    @Test
    void readOnlyFieldsOfARequestAreIgnored() {
        DeviceIdentity device = registry.createDevice(DeviceIdentity.builder(TwinKey.device(DEV))
                .connectionState(ConnectionState.CONNECTED).cloudToDeviceMessageCount(5)
                .generationId("1").etag(ETag.of("bogus")).build());
        assertThat(device.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(device.cloudToDeviceMessageCount()).isZero();
        assertThat(device.generationId().orElseThrow()).isNotEqualTo("1");
        assertThat(device.etag().orElseThrow()).isNotEqualTo(ETag.of("bogus"));
    }

    @Test
    void deletingADeviceDeletesItsModulesAndTwins() {
        registry.createDevice(DEV);
        registry.createModule(DEV, MOD);
        registry.createModule(DEV, ModuleId.of("other"));
        registry.createDevice(DeviceId.of("bystander"));
        hub.twins().update(TwinKey.device(DEV), json("{\"tags\":{\"a\":1}}"), null);

        registry.delete(TwinKey.device(DEV), null);

        assertError(() -> registry.getDevice(DEV), DeviceNotFoundException.class, 404001);
        assertError(() -> hub.twins().get(TwinKey.module(DEV, MOD)), DeviceNotFoundException.class, 404001);
        assertThat(registry.list()).extracting(DeviceIdentity::deviceId).containsExactly(DeviceId.of("bystander"));

        DeviceIdentity recreated = registry.createDevice(DEV);
        assertThat(hub.twins().get(recreated.key()).tags().isEmpty()).isTrue();
        assertThat(hub.twins().get(recreated.key()).etag()).contains(ETag.ofCounter(1));
        assertThat(registry.modules(DEV)).isEmpty();
    }

    @Test
    void deletingAModuleLeavesTheDevice() {
        registry.createDevice(DEV);
        DeviceIdentity module = registry.createModule(DEV, MOD);
        assertError(() -> registry.delete(module.key(), "\"stale\""), PreconditionFailedException.class, 412001);
        registry.delete(module.key(), module.etag().orElseThrow().quoted());
        assertError(() -> registry.getModule(DEV, MOD), ModuleNotFoundException.class, 404010);
        assertError(() -> registry.delete(module.key(), null), ModuleNotFoundException.class, 404010);
        assertThat(registry.getDevice(DEV).deviceId()).isEqualTo(DEV);
        assertThat(registry.createModule(DEV, MOD).generationId()).isNotEqualTo(module.generationId());
    }

    @Test
    void listsAreSortedById() {
        registry.createDevice(DeviceId.of("b"));
        registry.createDevice(DeviceId.of("a"));
        registry.createModule(DeviceId.of("a"), ModuleId.of("z"));
        registry.createModule(DeviceId.of("a"), ModuleId.of("m"));
        assertThat(registry.list()).extracting(i -> i.key().toString()).containsExactly("a", "b");
        assertThat(registry.modules(DeviceId.of("a"))).extracting(i -> i.key().toString())
                .containsExactly("a/m", "a/z");
        assertError(() -> registry.modules(DeviceId.of("c")), DeviceNotFoundException.class, 404001);
        assertThat(registry.find(TwinKey.device("c"))).isEmpty();
    }

    @Test
    void aNewHubHasTheDefaultPolicies() {
        assertThat(registry.policies()).extracting(SharedAccessPolicy::name)
                .containsExactlyInAnyOrder("iothubowner", "service", "device", "registryRead", "registryReadWrite");
        assertThat(registry.policy("iothubowner").orElseThrow().rights()).isEqualTo(EnumSet.allOf(AccessRight.class));
        assertThat(registry.policy("service").orElseThrow().grants(AccessRight.SERVICE_CONNECT)).isTrue();
        assertThat(registry.policy("Service")).isEmpty();
    }

    @Test
    void identityJsonIsTheServiceRestShapeAndRoundTrips() {
        String parent = registry.createDevice(DeviceIdentity.builder(TwinKey.device("p"))
                .capabilities(new Capabilities(true)).build()).deviceScope().orElseThrow();
        registry.createDevice(DeviceIdentity.builder(TwinKey.device(DEV)).parentScopes(List.of(parent))
                .capabilities(new Capabilities(true)).build());
        DeviceIdentity device = registry.getDevice(DEV);
        JsonObject json = device.toJson();
        assertThat(json.keys()).contains("deviceId", "generationId", "etag", "connectionState", "status",
                "statusReason", "connectionStateUpdatedTime", "statusUpdatedTime", "lastActivityTime",
                "cloudToDeviceMessageCount", "authentication", "capabilities", "deviceScope", "parentScopes");
        assertThat(json.keys()).doesNotContain("moduleId", "managedBy");
        JsonObject auth = json.valueOrNull("authentication").asObject();
        assertThat(auth.valueOrNull("type").asString()).isEqualTo("sas");
        assertThat(auth.valueOrNull("symmetricKey").asObject().valueOrNull("primaryKey").asString())
                .isEqualTo(device.authentication().symmetricKey().primaryKey());
        assertThat(json.valueOrNull("capabilities")).isEqualTo(json("{\"iotEdge\":true}"));
        assertThat(DeviceIdentity.fromJson(json)).isEqualTo(device);

        DeviceIdentity module = registry.createModule(DeviceIdentity.builder(TwinKey.module(DEV, MOD))
                .authentication(DeviceAuthentication.none()).managedBy("IotEdge").build());
        JsonObject moduleJson = module.toJson();
        assertThat(moduleJson.valueOrNull("moduleId").asString()).isEqualTo("filter");
        assertThat(moduleJson.valueOrNull("managedBy").asString()).isEqualTo("IotEdge");
        assertThat(moduleJson.contains("capabilities")).isFalse();
        assertThat(DeviceIdentity.fromJson(moduleJson)).isEqualTo(module);
    }

    @Test
    void identityJsonFromTheServiceIsRead() {
        DeviceIdentity read = DeviceIdentity.fromJson(json("{\"deviceId\":\"dev1\",\"generationId\":"
                + "\"637200000000000000\",\"etag\":\"NTY3NzA5OTQz\",\"connectionState\":\"connected\","
                + "\"status\":\"disabled\",\"statusReason\":null,\"connectionStateUpdatedTime\":"
                + "\"2024-01-01T00:00:00.1234567Z\",\"statusUpdatedTime\":\"0001-01-01T00:00:00Z\","
                + "\"lastActivityTime\":\"0001-01-01T00:00:00Z\",\"cloudToDeviceMessageCount\":3,"
                + "\"authentication\":{\"symmetricKey\":{\"primaryKey\":null,\"secondaryKey\":null},"
                + "\"x509Thumbprint\":{\"primaryThumbprint\":\"AB\",\"secondaryThumbprint\":null},"
                + "\"type\":\"selfSigned\"},\"capabilities\":{\"iotEdge\":false},\"unknown\":1}"));
        assertThat(read.etag()).contains(ETag.of("NTY3NzA5OTQz"));
        assertThat(decimalCounter(read.etag().orElseThrow())).isEqualTo(567709943L);
        assertThat(read.status()).isEqualTo(DeviceStatus.DISABLED);
        assertThat(read.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(read.connectionStateUpdatedTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00.1234567Z"));
        assertThat(read.cloudToDeviceMessageCount()).isEqualTo(3);
        assertThat(read.authentication()).isEqualTo(DeviceAuthentication.selfSigned("AB", null));
        assertThatThrownBy(() -> DeviceIdentity.fromJson(json("{\"deviceId\":\"d\",\"status\":\"paused\"}")))
                .isInstanceOf(TwinException.class).hasMessageContaining("status");
        assertThatThrownBy(() -> DeviceIdentity.fromJson(json("{\"deviceId\":\"d\",\"authentication\":"
                + "{\"symmetricKey\":{\"primaryKey\":\"not base64!\",\"secondaryKey\":\"AAAA\"}}}")))
                .isInstanceOf(TwinException.class).hasMessageContaining("authentication.symmetricKey");
        assertThatThrownBy(() -> DeviceIdentity.fromJson(json("{\"status\":\"enabled\"}")))
                .isInstanceOf(TwinException.class).hasMessageContaining("deviceId");
    }

    @Test
    void identityEqualityCoversEveryField() {
        DeviceIdentity device = registry.createDevice(DEV);
        assertThat(device).isEqualTo(device.toBuilder().build()).hasSameHashCodeAs(device.toBuilder().build());
        assertThat(device).isNotEqualTo(device.toBuilder().modelId("dtmi:x;1").build());
        assertThat(device).isNotEqualTo(device.toBuilder().lastActivityTime(NOW).build());
        assertThat(device).isNotEqualTo(device.toBuilder().parentScopes(List.of("s")).build());
        assertThat(device.toString()).doesNotContain(device.authentication().symmetricKey().primaryKey());
        assertThatThrownBy(() -> DeviceIdentity.builder(TwinKey.module(DEV, MOD))
                .capabilities(new Capabilities(true)).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceIdentity.builder(TwinKey.device(DEV)).managedBy("x").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identityEqualsAndHashCodeFollowTheContract() {
        EqualsVerifier.forClass(DeviceIdentity.class)
                .withNonnullFields("key", "status", "statusUpdatedTime", "connectionState",
                        "connectionStateUpdatedTime", "lastActivityTime", "authentication", "parentScopes", "modelId")
                .suppress(Warning.STRICT_HASHCODE)
                .verify();
    }

    private static long decimalCounter(ETag etag) {
        return Long.parseLong(new String(Base64.getDecoder().decode(etag.value()), StandardCharsets.US_ASCII));
    }

    private static void assertError(Runnable call, Class<? extends TwinException> type, int code) {
        assertThatThrownBy(call::run).isInstanceOf(type)
                .satisfies(e -> assertThat(((TwinException) e).errorCode().code()).isEqualTo(code))
                .satisfies(e -> assertThat(((TwinException) e).errorCode())
                        .isEqualTo(IotHubErrorCode.fromCode(code).orElseThrow()));
    }

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }
}
