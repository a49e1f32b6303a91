package io.twinkit.emulator.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceStatus;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.error.TwinException;
import io.twinkit.emulator.AccessDeniedException;
import io.twinkit.emulator.AccessRight;
import io.twinkit.emulator.DeviceAuthentication;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.DeviceNotFoundException;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.ModuleNotFoundException;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.core.TwinKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    private static final long LATER = NOW.getEpochSecond() + 3600;
    private static final String HOST = "myhub.azure-devices.net";
    private static final String D1_PRIMARY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String D1_SECONDARY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String M1_KEY = "UOFTBReqOeWloDtj6KJefMZ6MJ19+drLzw373cYdmz4=";
    private static final TwinKey D1 = TwinKey.device("d1");
    private static final TwinKey D2 = TwinKey.device("d2");
    private static final TwinKey M1 = TwinKey.module("d1", "m1");

    private IotHub hub;
    private HubAuthenticator auth;

    @BeforeEach
    void createHub() {
        hub = IotHub.create(HubOptions.builder().hubName("myhub").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
        auth = new HubAuthenticator(hub);
        hub.registry().createDevice(sasIdentity(D1, D1_PRIMARY, D1_SECONDARY));
        hub.registry().createDevice(sasIdentity(D2, SharedAccessPolicy.newKey(), SharedAccessPolicy.newKey()));
        hub.registry().createModule(sasIdentity(M1, M1_KEY, SharedAccessPolicy.newKey()));
    }

    @AfterEach
    void closeHub() {
        hub.close();
    }

    // service tokens

    @ParameterizedTest
    @ValueSource(strings = {HOST, "MyHub.Azure-Devices.NET", "localhost", "127.0.0.1", "localhost%3A8443", "::1",
        "%5B%3A%3A1%5D%3A8443", "myhub.azure-devices.net:443"})
    void acceptsAHubLevelPolicyTokenForEachOfTheHubsHostNames(String sr) {
        String token = SharedAccessSignature.create(policy("iothubowner").primaryKey(), sr, LATER, "iothubowner");
        ServicePrincipal principal = auth.authenticateService(token, AccessRight.SERVICE_CONNECT);
        assertThat(principal.policyName()).isEqualTo("iothubowner");
        assertThat(principal.rights()).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(AccessRight.class));
        assertThat(principal.grants(AccessRight.REGISTRY_WRITE)).isTrue();
    }

    @Test
    void acceptsTheSecondaryKeyAndTheEncodedLowerCasedSignature() {
        String secondary = policy("service").secondaryKey();
        assertThat(auth.authenticateService(SharedAccessSignature.create(secondary, HOST, LATER, "service"),
                AccessRight.SERVICE_CONNECT)).isEqualTo(new ServicePrincipal("service",
                EnumSet.of(AccessRight.SERVICE_CONNECT)));
        // the Java service SDK signs the lower-cased host but may send it as configured
        String sig = SharedAccessSignature.sign(secondary, "localhost", LATER);
        String token = "SharedAccessSignature sr=LOCALHOST&sig=" + PercentCoding.encode(sig) + "&se=" + LATER
                + "&skn=service";
        assertThat(auth.authenticateService(token, AccessRight.SERVICE_CONNECT).policyName()).isEqualTo("service");
    }

    @Test
    void refusesAValidTokenWithoutTheRightWith403() {
        String token = SharedAccessSignature.create(policy("service").primaryKey(), HOST, LATER, "service");
        assertThatThrownBy(() -> auth.authenticateService(token, AccessRight.REGISTRY_WRITE))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.errorCode().code()).isEqualTo(401002);
                    assertThat(e.getMessage()).contains("'service'", "RegistryWrite", "ServiceConnect");
                });
        String readOnly = SharedAccessSignature.create(policy("registryRead").primaryKey(), HOST, LATER, "registryRead");
        assertThat(auth.authenticateService(readOnly, AccessRight.REGISTRY_READ).policyName())
                .isEqualTo("registryRead");
        assertThatThrownBy(() -> auth.authenticateService(readOnly, AccessRight.REGISTRY_WRITE))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> auth.authenticateService(readOnly, AccessRight.SERVICE_CONNECT))
                .isInstanceOf(AccessDeniedException.class);
        String device = SharedAccessSignature.create(policy("device").primaryKey(), HOST, LATER, "device");
        assertThatThrownBy(() -> auth.authenticateService(device, AccessRight.SERVICE_CONNECT))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aReadWritePolicyServesRegistryReadsAndWrites() {
        String readWrite = SharedAccessSignature.create(policy("registryReadWrite").primaryKey(), HOST, LATER,
                "registryReadWrite");
        assertThat(auth.authenticateService(readWrite, AccessRight.REGISTRY_READ).rights())
                .containsExactlyInAnyOrder(AccessRight.REGISTRY_READ, AccessRight.REGISTRY_WRITE);
        assertThat(auth.authenticateService(readWrite, AccessRight.REGISTRY_WRITE).policyName())
                .isEqualTo("registryReadWrite");
        assertThatThrownBy(() -> auth.authenticateService(readWrite, AccessRight.SERVICE_CONNECT))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void refusesExpiredServiceTokensBeforeCheckingRights() {
        String expiredNow = SharedAccessSignature.create(policy("service").primaryKey(), HOST, NOW.getEpochSecond(), "service");
        assertRefused(() -> auth.authenticateService(expiredNow, AccessRight.SERVICE_CONNECT), SasFailure.EXPIRED);
        assertRefused(() -> auth.authenticateService(expiredNow, AccessRight.REGISTRY_WRITE), SasFailure.EXPIRED);
        String validByWallClockOnly = SharedAccessSignature.create(policy("service").primaryKey(), HOST,
                NOW.getEpochSecond() - 1, "service");
        assertRefused(() -> auth.authenticateService(validByWallClockOnly, AccessRight.SERVICE_CONNECT),
                SasFailure.EXPIRED);
    }

    @Test
    void refusesForgedAndForeignServiceTokens() {
        String forged = SharedAccessSignature.create(SharedAccessPolicy.newKey(), HOST, LATER, "iothubowner");
        assertRefused(() -> auth.authenticateService(forged, AccessRight.SERVICE_CONNECT), SasFailure.SIGNATURE);
        String wrongPolicy = SharedAccessSignature.create(policy("service").primaryKey(), HOST, LATER, "iothubowner");
        assertRefused(() -> auth.authenticateService(wrongPolicy, AccessRight.SERVICE_CONNECT), SasFailure.SIGNATURE);
        String unknownPolicy = SharedAccessSignature.create(policy("service").primaryKey(), HOST, LATER, "nobody");
        assertThatThrownBy(() -> auth.authenticateService(unknownPolicy, AccessRight.SERVICE_CONNECT))
                .isInstanceOf(SasTokenException.class).hasMessageContaining("'nobody'");
        String deviceKey = SharedAccessSignature.create(D1_PRIMARY, HOST, LATER, null);
        assertThatThrownBy(() -> auth.authenticateService(deviceKey, AccessRight.SERVICE_CONNECT))
                .isInstanceOfSatisfying(SasTokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SasFailure.SIGNATURE);
                    assertThat(e.getMessage()).contains("skn");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Bearer abc", "SharedAccessSignature sr=x&se=1", "SharedAccessSignature sig"})
    void refusesMalformedAuthorizationHeaders(String header) {
        assertRefused(() -> auth.authenticateService(header, AccessRight.SERVICE_CONNECT), SasFailure.MALFORMED);
        assertRefused(() -> auth.authenticateDevice(header, D1), SasFailure.MALFORMED);
    }

    @Test
    void refusesAMissingHeader() {
        assertRefused(() -> auth.authenticateService(null, AccessRight.SERVICE_CONNECT), SasFailure.MALFORMED);
        assertRefused(() -> auth.authenticateDevice(null, D1), SasFailure.MALFORMED);
    }

    @Test
    void aServiceTokenScopedToADeviceCoversOnlyThatDevice() {
        String token = SharedAccessSignature.create(policy("service").primaryKey(), HOST + "%2Fdevices%2Fd1", LATER, "service");
        assertThat(auth.authenticateService(token, AccessRight.SERVICE_CONNECT, D1).policyName()).isEqualTo("service");
        assertThat(auth.authenticateService(token, AccessRight.SERVICE_CONNECT, M1).policyName()).isEqualTo("service");
        assertRefused(() -> auth.authenticateService(token, AccessRight.SERVICE_CONNECT, D2), SasFailure.SCOPE);
        assertRefused(() -> auth.authenticateService(token, AccessRight.SERVICE_CONNECT), SasFailure.SCOPE);
        String hubLevel = SharedAccessSignature.create(policy("service").primaryKey(), "localhost", LATER, "service");
        assertThat(auth.authenticateService(hubLevel, AccessRight.SERVICE_CONNECT, D2).policyName())
                .isEqualTo("service");
    }

    // issue 13: letter case, host and encoding

    @Test
    void aTokenSignedForALowerCasedIdNeverReachesTheUpperCasedOne() {
        TwinKey upper = TwinKey.device("D1");
        hub.registry().createDevice(sasIdentity(upper, SharedAccessPolicy.newKey(), SharedAccessPolicy.newKey()));
        long se = LATER;
        String owner = policy("iothubowner").primaryKey();
        String reCased = resigned(owner, "localhost%2Fdevices%2Fd1", "localhost/devices/D1", se, "iothubowner");
        for (AccessRight right : AccessRight.values()) {
            assertRefused(() -> auth.authenticateService(reCased, right, upper), SasFailure.SCOPE);
        }
        assertThat(auth.authenticateService(reCased, AccessRight.SERVICE_CONNECT, D1).policyName())
                .as("what the signature covers").isEqualTo("iothubowner");
        String devicePolicy = resigned(policy("device").primaryKey(), "localhost%2Fdevices%2Fd1",
                "localhost/devices/D1", se, "device");
        assertRefused(() -> auth.authenticateDevice(devicePolicy, upper), SasFailure.SCOPE);
        assertThat(auth.authenticateDevice(devicePolicy, D1).key()).isEqualTo(D1);
        // two devices that share keys still differ by case
        TwinKey twin = TwinKey.device("D1-COPY");
        hub.registry().createDevice(sasIdentity(twin, D1_PRIMARY, D1_SECONDARY));
        String ownKey = "SharedAccessSignature sr=" + HOST + "/devices/D1-COPY&sig=" + PercentCoding.encode(
                SharedAccessSignature.sign(D1_PRIMARY, HOST + "%2Fdevices%2Fd1-copy", se)) + "&se=" + se;
        assertRefused(() -> auth.authenticateDevice(ownKey, twin), SasFailure.SCOPE);
        assertThat(auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/D1-COPY", se, null), twin)
                .key()).isEqualTo(twin);
        // the upper-cased id with its own signature is its own
        String upperToken = SharedAccessSignature.create(owner, "localhost/devices/D1", se, "iothubowner");
        assertThat(auth.authenticateService(upperToken, AccessRight.REGISTRY_READ, upper).policyName())
                .isEqualTo("iothubowner");
        assertRefused(() -> auth.authenticateService(upperToken, AccessRight.REGISTRY_READ, D1), SasFailure.SCOPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"otherhub.azure-devices.net", "otherhub.azure-devices.net%2Fdevices%2Fd1",
        "myhub.azure-devices.net.evil.example", "127.0.0.2", "localhost%3A99999", "twinkit.azure-devices.net"})
    void refusesATokenForAnotherHost(String sr) {
        String owner = SharedAccessSignature.create(policy("iothubowner").primaryKey(), sr, LATER, "iothubowner");
        assertThatThrownBy(() -> auth.authenticateService(owner, AccessRight.SERVICE_CONNECT, D1))
                .isInstanceOfSatisfying(SasTokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SasFailure.SCOPE);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("not this hub's", "myhub.azure-devices.net", "--accept-host");
                });
        assertRefused(() -> auth.authenticateService(owner, AccessRight.SERVICE_CONNECT), SasFailure.SCOPE);
        String devicePolicy = SharedAccessSignature.create(policy("device").primaryKey(), sr, LATER, "device");
        assertRefused(() -> auth.authenticateDevice(devicePolicy, D1), SasFailure.SCOPE);
        String ownKey = SharedAccessSignature.create(D1_PRIMARY, sr.replace("%2Fdevices%2Fd1", "") + "/devices/d1", LATER, null);
        assertRefused(() -> auth.authenticateDevice(ownKey, D1), SasFailure.SCOPE);
    }

    @Test
    void aHubFrontedUnderAnotherNameAcceptsThatNameOrAnyWhenToldTo() {
        String gateway = SharedAccessSignature.create(policy("iothubowner").primaryKey(), "Gateway.Example%3A8443%2Fdevices%2Fd1",
                LATER, "iothubowner");
        assertRefused(() -> auth.authenticateService(gateway, AccessRight.SERVICE_CONNECT, D1), SasFailure.SCOPE);
        try (IotHub fronted = IotHub.create(HubOptions.builder().hubName("myhub").clock(Clock.fixed(NOW,
                ZoneOffset.UTC)).acceptHostName("gateway.example").build());
             IotHub any = IotHub.create(HubOptions.builder().hubName("myhub").clock(Clock.fixed(NOW,
                ZoneOffset.UTC)).acceptAnyHostName(true).build())) {
            for (IotHub other : List.of(fronted, any)) {
                other.registry().createDevice(sasIdentity(D1, D1_PRIMARY, D1_SECONDARY));
                other.registry().createDevice(sasIdentity(D2, D1_PRIMARY, D1_SECONDARY));
                HubAuthenticator otherAuth = new HubAuthenticator(other);
                String token = SharedAccessSignature.create(D1_PRIMARY, "gateway.example/devices/d1", LATER, null);
                assertThat(otherAuth.authenticateDevice(token, D1).key()).isEqualTo(D1);
                assertRefused(() -> otherAuth.authenticateDevice(token, D2), SasFailure.SCOPE);
            }
            String elsewhere = SharedAccessSignature.create(D1_PRIMARY, "elsewhere.example/devices/d1", LATER, null);
            assertRefused(() -> new HubAuthenticator(fronted).authenticateDevice(elsewhere, D1), SasFailure.SCOPE);
            assertThat(new HubAuthenticator(any).authenticateDevice(elsewhere, D1).key()).isEqualTo(D1);
        }
    }

    @Test
    void aDoubleEncodedResourceIsMalformedNotHubWide() {
        String doubled = "localhost%252Fdevices%252Fd1";
        String owner = SharedAccessSignature.create(policy("iothubowner").primaryKey(), doubled, LATER, "iothubowner");
        assertRefused(() -> auth.authenticateService(owner, AccessRight.SERVICE_CONNECT, D2), SasFailure.MALFORMED);
        assertRefused(() -> auth.authenticateService(owner, AccessRight.SERVICE_CONNECT), SasFailure.MALFORMED);
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(policy("device").primaryKey(), doubled, LATER,
                "device"), D2), SasFailure.MALFORMED);
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, doubled, LATER, null), D1),
                SasFailure.MALFORMED);
    }

    @Test
    void aPercentInADeviceIdIsDecodedOnce() {
        TwinKey percent = TwinKey.device("a%41");
        TwinKey decodedTwice = TwinKey.device("aA");
        hub.registry().createDevice(sasIdentity(percent, D1_PRIMARY, D1_SECONDARY));
        hub.registry().createDevice(sasIdentity(decodedTwice, D1_PRIMARY, D1_SECONDARY));
        String encodedOnce = SharedAccessSignature.create(D1_PRIMARY, "localhost%2Fdevices%2Fa%2541", LATER, null);
        assertThat(auth.authenticateDevice(encodedOnce, percent).key()).isEqualTo(percent);
        assertRefused(() -> auth.authenticateDevice(encodedOnce, decodedTwice), SasFailure.SCOPE);
        String javaDeviceSdk = SharedAccessSignature.create(D1_PRIMARY, "127.0.0.1/devices/a%2541", LATER, null);
        assertThat(auth.authenticateDevice(javaDeviceSdk, percent).key()).isEqualTo(percent);
        assertRefused(() -> auth.authenticateDevice(javaDeviceSdk, decodedTwice), SasFailure.SCOPE);
        String service = SharedAccessSignature.create(policy("service").primaryKey(), "localhost%2Fdevices%2Fa%2541", LATER,
                "service");
        assertThat(auth.authenticateService(service, AccessRight.SERVICE_CONNECT, percent).policyName())
                .isEqualTo("service");
        assertRefused(() -> auth.authenticateService(service, AccessRight.SERVICE_CONNECT, decodedTwice),
                SasFailure.SCOPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost%2Fdevices%2Fd%zz", "localhost/devices/%FF", "localhost//devices/d1",
        "localhost/devices/d1/", "/devices/d1", "user@localhost/devices/d1", "localhost/devices/d%0A1"})
    void aResourceThatLeavesDoubtIsMalformed(String sr) {
        String token = "SharedAccessSignature sr=" + sr + "&sig=" + PercentCoding.encode(SharedAccessSignature.sign(
                policy("iothubowner").primaryKey(), sr, LATER)) + "&se=" + LATER + "&skn=iothubowner";
        assertRefused(() -> auth.authenticateService(token, AccessRight.SERVICE_CONNECT, D1), SasFailure.MALFORMED);
        assertRefused(() -> auth.authenticateDevice(token, D1), SasFailure.MALFORMED);
    }

    // device tokens

    @Test
    void acceptsEveryFormTheSdksSendForADevice() {
        assertThat(auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST + "%2Fdevices%2Fd1", LATER, null), D1))
                .isEqualTo(new DevicePrincipal(D1));
        String javaDeviceSdk = "SharedAccessSignature sig=" + PercentCoding.encode(
                SharedAccessSignature.sign(D1_PRIMARY, "127.0.0.1/devices/d1", LATER)) + "&se=" + LATER + "&sr=127.0.0.1/devices/d1";
        assertThat(auth.authenticateDevice(javaDeviceSdk, D1).key()).isEqualTo(D1);
        assertThat(auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, "localhost%2Fdevices%2Fd1", LATER, null), D1)
                .key()).isEqualTo(D1);
        assertThat(auth.authenticateDevice(SharedAccessSignature.create(D1_SECONDARY, HOST + "/devices/d1", LATER, null), D1)
                .key()).as("secondary key").isEqualTo(D1);
    }

    @Test
    void refusesExpiredAndForgedDeviceTokens() {
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/d1",
                NOW.getEpochSecond(), null), D1), SasFailure.EXPIRED);
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(SharedAccessPolicy.newKey(),
                HOST + "/devices/d1", LATER, null), D1), SasFailure.SIGNATURE);
        String tampered = SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/d1", LATER, null)
                .replace("se=" + LATER, "se=" + (LATER + 1));
        assertRefused(() -> auth.authenticateDevice(tampered, D1), SasFailure.SIGNATURE);
    }

    @Test
    void aTokenForOneDeviceNeverAuthenticatesAnother() {
        String d1Token = SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/d1", LATER, null);
        assertRefused(() -> auth.authenticateDevice(d1Token, D2), SasFailure.SIGNATURE);
        // even when two devices were given the same keys, the resource keeps them apart
        hub.registry().createDevice(sasIdentity(TwinKey.device("d3"), D1_PRIMARY, D1_SECONDARY));
        assertRefused(() -> auth.authenticateDevice(d1Token, TwinKey.device("d3")), SasFailure.SCOPE);
        String d1Prefix = SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/d", LATER, null);
        assertRefused(() -> auth.authenticateDevice(d1Prefix, D1), SasFailure.SCOPE);
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/D1", LATER, null),
                D1), SasFailure.SCOPE);
    }

    @Test
    void modulesAndDevicesUseTheirOwnKeys() {
        String moduleToken = SharedAccessSignature.create(M1_KEY, HOST + "%2Fdevices%2Fd1%2Fmodules%2Fm1", LATER, null);
        assertThat(auth.authenticateDevice(moduleToken, M1)).isEqualTo(new DevicePrincipal(M1));
        assertRefused(() -> auth.authenticateDevice(moduleToken, D1), SasFailure.SIGNATURE);
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(M1_KEY, HOST + "/devices/d1", LATER, null), D1),
                SasFailure.SIGNATURE);
    }

    /**
     * The official SDKs' e2e suites connect modules with {@code DeviceId=d;ModuleId=m;SharedAccessKey=<d's key>}
     * and pass against real hubs, so the device's key connects its own modules; this used to be refused.
     */
    @Test
    void aDeviceKeyConnectsItsOwnModulesWithAModuleScopedToken() {
        String primary = SharedAccessSignature.create(D1_PRIMARY, HOST + "%2Fdevices%2Fd1%2Fmodules%2Fm1", LATER, null);
        assertThat(auth.authenticateDevice(primary, M1)).isEqualTo(new DevicePrincipal(M1));
        String secondary = SharedAccessSignature.create(D1_SECONDARY, "localhost:8443/devices/d1/modules/m1", LATER, null);
        assertThat(auth.authenticateDevice(secondary, M1)).isEqualTo(new DevicePrincipal(M1));
        // the device's own scope does not reach its modules, and a device's key no other device's modules
        String deviceToken = SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/d1", LATER, null);
        assertThat(auth.authenticateDevice(deviceToken, D1)).isEqualTo(new DevicePrincipal(D1));
        assertThatThrownBy(() -> auth.authenticateDevice(deviceToken, M1))
                .isInstanceOfSatisfying(SasTokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SasFailure.SCOPE);
                    assertThat(e.getMessage()).contains("key of device d1", "exactly devices/d1/modules/m1");
                });
        hub.registry().createModule(sasIdentity(TwinKey.module("d2", "m1"), SharedAccessPolicy.newKey(),
                SharedAccessPolicy.newKey()));
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/d2/modules/m1",
                LATER, null), TwinKey.module("d2", "m1")), SasFailure.SIGNATURE);
        // the checks of every other token still apply: host, path, expiry, a module that does not exist
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, "elsewhere.example/devices/d1/modules/m1",
                LATER, null), M1), SasFailure.SCOPE);
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/d1/modules/m1",
                NOW.getEpochSecond() - 1, null), M1), SasFailure.EXPIRED);
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/d1/modules/m2",
                LATER, null), TwinKey.module("d1", "m2")), SasFailure.SIGNATURE);
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/d1/modules/M1",
                LATER, null), M1), SasFailure.SCOPE);
    }

    @Test
    void aPolicyWithDeviceConnectAuthenticatesDevicesItsResourceCovers() {
        String hubWide = SharedAccessSignature.create(policy("device").primaryKey(), HOST, LATER, "device");
        assertThat(auth.authenticateDevice(hubWide, D1).key()).isEqualTo(D1);
        assertThat(auth.authenticateDevice(hubWide, M1).key()).isEqualTo(M1);
        String owner = SharedAccessSignature.create(policy("iothubowner").secondaryKey(), "localhost%2Fdevices%2Fd2", LATER,
                "iothubowner");
        assertThat(auth.authenticateDevice(owner, D2).key()).isEqualTo(D2);
        assertRefused(() -> auth.authenticateDevice(owner, D1), SasFailure.SCOPE);
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(policy("device").primaryKey(), HOST,
                NOW.getEpochSecond() - 5, "device"), D1), SasFailure.EXPIRED);
        String service = SharedAccessSignature.create(policy("service").primaryKey(), HOST, LATER, "service");
        assertThatThrownBy(() -> auth.authenticateDevice(service, D1))
                .isInstanceOfSatisfying(SasTokenException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("'service'", "DeviceConnect");
                });
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST, LATER, "device"), D1),
                SasFailure.SIGNATURE);
    }

    @Test
    void refusesDisabledDevicesAndModulesWith401() {
        disable(D1, "lost");
        String token = SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/d1", LATER, null);
        assertUnauthorized(() -> auth.authenticateDevice(token, D1), "device d1 is disabled (lost)");
        assertUnauthorized(() -> auth.authenticateDevice(SharedAccessSignature.create(M1_KEY, HOST + "/devices/d1/modules/m1",
                LATER, null), M1), "device d1 is disabled");
        String policyToken = SharedAccessSignature.create(policy("device").primaryKey(), HOST, LATER, "device");
        assertUnauthorized(() -> auth.authenticateDevice(policyToken, D1), "disabled");

        TwinKey m2 = TwinKey.module("d2", "m2");
        hub.registry().createModule(sasIdentity(m2, M1_KEY, D1_SECONDARY));
        disable(m2, null);
        assertUnauthorized(() -> auth.authenticateDevice(SharedAccessSignature.create(M1_KEY, HOST + "/devices/d2/modules/m2",
                LATER, null), m2), "module d2/m2 is disabled");
        assertThat(auth.authenticateDevice(policyToken, D2).key()).isEqualTo(D2);
    }

    @Test
    void unknownIdentitiesAre401WithTheirOwnKeyAnd404WithAPolicy() {
        TwinKey ghost = TwinKey.device("ghost");
        assertRefused(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/ghost", LATER,
                null), ghost), SasFailure.SIGNATURE);
        String policyToken = SharedAccessSignature.create(policy("device").primaryKey(), HOST, LATER, "device");
        assertThatThrownBy(() -> auth.authenticateDevice(policyToken, ghost))
                .isInstanceOf(DeviceNotFoundException.class);
        assertThatThrownBy(() -> auth.authenticateDevice(policyToken, TwinKey.module("d1", "ghost")))
                .isInstanceOf(ModuleNotFoundException.class);
    }

    @Test
    void refusesIdentitiesWithoutSasKeys() {
        TwinKey x509 = TwinKey.device("x509");
        hub.registry().createDevice(DeviceIdentity.builder(x509)
                .authentication(DeviceAuthentication.selfSigned("3F2A0000000000000000000000000000000000AA", null))
                .build());
        assertThatThrownBy(() -> auth.authenticateDevice(SharedAccessSignature.create(D1_PRIMARY, HOST + "/devices/x509", LATER,
                null), x509)).isInstanceOfSatisfying(SasTokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SasFailure.SIGNATURE);
                    assertThat(e.getMessage()).contains("x509", "selfSigned");
                });
    }

    @Test
    void principalsAreValues() {
        EqualsVerifier.forClass(ServicePrincipal.class).verify();
        EqualsVerifier.forClass(DevicePrincipal.class).verify();
        EnumSet<AccessRight> rights = EnumSet.of(AccessRight.SERVICE_CONNECT);
        ServicePrincipal principal = new ServicePrincipal("service", rights);
        rights.add(AccessRight.REGISTRY_WRITE);
        assertThat(principal.rights()).containsExactly(AccessRight.SERVICE_CONNECT);
        assertThatThrownBy(() -> principal.rights().add(AccessRight.DEVICE_CONNECT))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /** Returns a token whose signature was made over {@code signed} but whose {@code sr} reads {@code sent}. */
    private static String resigned(String key, String signed, String sent, long expiry, String policy) {
        return "SharedAccessSignature sr=" + sent + "&sig=" + PercentCoding.encode(SharedAccessSignature.sign(key, signed, expiry))
                + "&se=" + expiry + "&skn=" + policy;
    }

    private SharedAccessPolicy policy(String name) {
        return hub.registry().policy(name).orElseThrow();
    }

    private void disable(TwinKey key, String reason) {
        DeviceIdentity identity = hub.registry().get(key);
        hub.registry().update(identity.toBuilder().status(DeviceStatus.DISABLED).statusReason(reason).build(), null);
    }

    private static DeviceIdentity sasIdentity(TwinKey key, String primary, String secondary) {
        return DeviceIdentity.builder(key).authentication(DeviceAuthentication.sas(primary, secondary)).build();
    }

    private static void assertRefused(ThrowingCallable call, SasFailure reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SasTokenException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.httpStatus()).isEqualTo(401);
        });
    }

    private static void assertUnauthorized(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TwinException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.errorCode().code()).isEqualTo(401002);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
