package io.twinkit.emulator.internal.security;

import io.twinkit.core.DeviceStatus;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.emulator.AccessDeniedException;
import io.twinkit.emulator.AccessRight;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.DeviceNotFoundException;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.ModuleNotFoundException;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.SymmetricKey;
import io.twinkit.core.TwinKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates the SAS tokens callers present to a hub's network front ends: service tokens in the HTTPS
 * {@code Authorization} header, device tokens as the MQTT CONNECT password.
 *
 * <pre>{@code
 * HubAuthenticator auth = new HubAuthenticator(hub);
 * ServicePrincipal caller = auth.authenticateService(headers.get("Authorization"), AccessRight.SERVICE_CONNECT);
 * DevicePrincipal device = auth.authenticateDevice(connect.password(), TwinKey.device("dev1"));
 * }</pre>
 *
 * <p>Each token goes through the checks of {@link SasToken} in the service's order (malformed, signature, scope,
 * expiry), then the hub's own: the policy's rights for a service token, the identity's status for a device token.
 *
 * <p><b>The scope is what the key signed.</b> A token's scope is the resource its matching signature covers
 * ({@link SasToken#verifySignature(String)}): {@code sr} decoded once, or its lower-cased form when only the
 * lower-cased signature matches, so re-casing {@code sr} after signing never reaches another device (device ids are
 * case-sensitive). The scope's host must be one of the hub's ({@link HubOptions#acceptsHostName(String)}: the loopback
 * names the certificate covers, {@code <hub>.azure-devices.net}, and any name added with
 * {@link HubOptions.Builder#acceptHostName(String)}, ignoring case and {@code :port}), and its path must be a prefix of
 * the target's, segment by segment and exactly. A token whose {@code sr} leaves any doubt is malformed (401).
 *
 * <p>Rights as the service assigns them: twin reads and writes and queries need
 * {@link AccessRight#SERVICE_CONNECT}; registry reads {@link AccessRight#REGISTRY_READ}; registry writes
 * {@link AccessRight#REGISTRY_WRITE}. The time is the hub's clock, {@code hub.options().clock()}.
 *
 * <p>Thread-safe; policies and keys are read from the registry on every call, so key changes apply at once.
 */
public final class HubAuthenticator {

    private final IotHub hub;

    /** Creates an authenticator for the policies and identities of {@code hub}. */
    public HubAuthenticator(IotHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    /**
     * Authenticates a service request that concerns the whole hub (queries, listing devices): the token must be
     * signed with the primary or secondary key of the shared access policy its {@code skn} names, have a hub-level
     * {@code sr} (a host name alone) and not have expired, and the policy must grant {@code required}.
     *
     * @param authorization the {@code Authorization} header, or {@code null} when there is none
     * @param required the right the operation needs
     * @return the policy the caller acts as
     * @throws SasTokenException (401) if the header is missing or malformed, names no policy of this hub, is not
     *     signed with its key, is not hub-level or has expired; a device-key token (no {@code skn}) fails here too
     * @throws AccessDeniedException (403) if the token is valid but its policy lacks {@code required}
     */
    public ServicePrincipal authenticateService(@Nullable String authorization, AccessRight required) {
        return authenticateService(authorization, Objects.requireNonNull(required, "required"), List.of());
    }

    /**
     * Authenticates a service request whatever right its policy grants, as for a path the service API does not
     * serve: the token must be valid as for {@link #authenticateService(String, AccessRight)}.
     *
     * @param authorization the {@code Authorization} header, or {@code null} when there is none
     * @return the policy the caller acts as
     * @throws SasTokenException (401) if the header is missing or malformed, names no policy of this hub, is not
     *     signed with its key, is not hub-level or has expired
     */
    public ServicePrincipal authenticateService(@Nullable String authorization) {
        return authenticateService(authorization, null, List.of());
    }

    /**
     * Authenticates a service request about one device or module (its twin or identity): as
     * {@link #authenticateService(String, AccessRight)}, except that the token's {@code sr} path may also be
     * {@code devices/{id}} or {@code devices/{id}/modules/{mid}} or any prefix that covers {@code target}.
     *
     * @param authorization the {@code Authorization} header, or {@code null} when there is none
     * @param required the right the operation needs
     * @param target the device or module the request is about
     * @return the policy the caller acts as
     * @throws SasTokenException (401) if the header is missing or malformed, names no policy of this hub, is not
     *     signed with its key, does not cover {@code target} or has expired
     * @throws AccessDeniedException (403) if the token is valid but its policy lacks {@code required}
     */
    public ServicePrincipal authenticateService(@Nullable String authorization, AccessRight required,
                                                TwinKey target) {
        return authenticateService(authorization, required, pathOf(Objects.requireNonNull(target, "target")));
    }

    private ServicePrincipal authenticateService(@Nullable String authorization, @Nullable AccessRight required,
                                                 List<String> targetPath) {
        SasToken token = parse(authorization, "the request has no Authorization header");
        String policyName = token.keyName().orElseThrow(() -> new SasTokenException(SasFailure.SIGNATURE,
                "401002 IotHubUnauthorizedAccess: the SAS token names no shared access policy (skn); a device's "
                        + "own key cannot call the service API"));
        SharedAccessPolicy policy = policy(policyName);
        SasResource scope = verifyWithPolicy(token, policy);
        requireCovers(scope, targetPath);
        token.verifyNotExpired(now());
        if (required != null && !policy.grants(required)) {
            throw new AccessDeniedException("401002 IotHubUnauthorizedAccess: shared access policy '" + policyName
                    + "' does not grant " + required.wireName() + ", which this operation needs; it grants "
                    + policy.rights().stream().map(AccessRight::wireName).sorted().toList());
        }
        return new ServicePrincipal(policyName, policy.rights());
    }

    /**
     * Authenticates a device or module, for example its MQTT CONNECT. The token must be signed with the identity's
     * own primary or secondary key (no {@code skn}), for a module also with its device's key when the token's
     * {@code sr} path is exactly {@code devices/{id}/modules/{mid}} (as the device SDKs sign it for a module
     * connection string that carries the device's key), or with the key of a policy that grants
     * {@link AccessRight#DEVICE_CONNECT} ({@code skn} names it); its {@code sr} path must be
     * {@code devices/{id}[/modules/{mid}]} of {@code device} or a prefix of it, so a token for one device never
     * authenticates another; and it must not have expired. The identity must be enabled, and for a module so must
     * its device.
     *
     * @param token the SAS token, or {@code null} when the client sent none
     * @param device the device or module that wants to connect
     * @return the authenticated device or module
     * @throws SasTokenException (401) if the token is missing or malformed, is not signed with a key that may
     *     connect {@code device} (including when no such identity exists and no policy signed the token, and when
     *     the identity does not use SAS), does not cover {@code device}, or has expired
     * @throws TwinException (401, {@link IotHubErrorCode#IOT_HUB_UNAUTHORIZED_ACCESS}) if the device or module is
     *     disabled
     * @throws DeviceNotFoundException (404) if a policy token is valid but the device does not exist
     * @throws ModuleNotFoundException (404) if a policy token is valid but the module does not exist
     */
    public DevicePrincipal authenticateDevice(@Nullable String token, TwinKey device) {
        Objects.requireNonNull(device, "device");
        SasToken parsed = parse(token, "no SAS token was presented for " + device);
        Optional<String> policyName = parsed.keyName();
        DeviceIdentity identity;
        if (policyName.isPresent()) {
            SharedAccessPolicy policy = policy(policyName.get());
            SasResource scope = verifyWithPolicy(parsed, policy);
            if (!policy.grants(AccessRight.DEVICE_CONNECT)) {
                throw new SasTokenException(SasFailure.SCOPE, "401002 IotHubUnauthorizedAccess: shared access policy '"
                        + policy.name() + "' does not grant DeviceConnect, so its tokens cannot connect " + device);
            }
            requireCovers(scope, pathOf(device));
            parsed.verifyNotExpired(now());
            identity = hub.registry().get(device);
        } else {
            identity = hub.registry().find(device).orElseThrow(() -> new SasTokenException(SasFailure.SIGNATURE,
                    "401002 IotHubUnauthorizedAccess: there is no identity " + device
                            + " whose key could have signed the token"));
            Optional<SasResource> own = scopeSignedByIdentity(parsed, identity);
            if (own.isPresent()) {
                requireCovers(own.get(), pathOf(device));
            } else if (device.isModule()) {
                requireModuleScope(verifyWithDeviceOfModule(parsed, identity), device);
            } else {
                throw notSignedBy(identity);
            }
            parsed.verifyNotExpired(now());
        }
        requireEnabled(identity);
        if (device.isModule()) {
            requireEnabled(hub.registry().get(device.deviceKey()));
        }
        return new DevicePrincipal(device);
    }

    private static SasToken parse(@Nullable String token, String whenMissing) {
        if (token == null || token.isBlank()) {
            throw new SasTokenException(SasFailure.MALFORMED, "401002 IotHubUnauthorizedAccess: " + whenMissing);
        }
        return SasToken.parse(token);
    }

    private SharedAccessPolicy policy(String policyName) {
        return hub.registry().policy(policyName).orElseThrow(() -> new SasTokenException(SasFailure.SIGNATURE,
                "401002 IotHubUnauthorizedAccess: the hub has no shared access policy '" + policyName + "' (skn)"));
    }

    /** Returns the scope the policy's primary or secondary key signed. */
    private static SasResource verifyWithPolicy(SasToken token, SharedAccessPolicy policy) {
        return token.scopeSignedBy(policy.primaryKey()).or(() -> token.scopeSignedBy(policy.secondaryKey()))
                .orElseThrow(() -> new SasTokenException(SasFailure.SIGNATURE, "401002 IotHubUnauthorizedAccess: the "
                        + "SAS token is not signed with a key of shared access policy '" + policy.name() + "'"));
    }

    /**
     * Returns the scope the identity's primary or secondary key signed, or empty if neither did.
     *
     * @throws SasTokenException (401) if the identity does not authenticate with SAS keys
     */
    private static Optional<SasResource> scopeSignedByIdentity(SasToken token, DeviceIdentity identity) {
        SymmetricKey keys = identity.authentication().symmetricKey();
        if (keys == null) {
            throw new SasTokenException(SasFailure.SIGNATURE, "401002 IotHubUnauthorizedAccess: " + identity.key()
                    + " authenticates with " + identity.authentication().type() + ", not with SAS keys");
        }
        return token.scopeSignedBy(keys.primaryKey()).or(() -> token.scopeSignedBy(keys.secondaryKey()));
    }

    /**
     * Returns the scope the key of a module's device signed: the official device SDKs connect a module with
     * {@code DeviceId=d;ModuleId=m;SharedAccessKey=<d's key>} (the Java SDK's e2e suites build module connection
     * strings so, and pass against real hubs), signing {@code <host>/devices/d/modules/m} with the device's key.
     *
     * @throws SasTokenException (401) if the device's keys did not sign the token either
     */
    private SasResource verifyWithDeviceOfModule(SasToken token, DeviceIdentity module) {
        DeviceIdentity device = hub.registry().find(module.key().deviceKey()).orElseThrow(() -> notSignedBy(module));
        SymmetricKey keys = device.authentication().symmetricKey();
        if (keys == null) {
            throw notSignedBy(module);
        }
        return token.scopeSignedBy(keys.primaryKey()).or(() -> token.scopeSignedBy(keys.secondaryKey()))
                .orElseThrow(() -> new SasTokenException(SasFailure.SIGNATURE, "401002 IotHubUnauthorizedAccess: the "
                        + "SAS token is not signed with a key of " + module.key() + " or of its device "
                        + device.key()));
    }

    /**
     * Checks the scope a device's key signed for one of its modules: the host must be the hub's and the path exactly
     * the module's, {@code devices/d/modules/m}, as the SDKs sign it. A device-scoped {@code devices/d} token signed
     * with the device's key connects the device, not its modules: no SDK sends one for a module, so it stays refused.
     */
    private void requireModuleScope(SasResource scope, TwinKey module) {
        List<String> path = pathOf(module);
        requireCovers(scope, path);
        if (!scope.path().equals(path)) {
            throw new SasTokenException(SasFailure.SCOPE, "401002 IotHubUnauthorizedAccess: the SAS token for '"
                    + scope + "' is signed with the key of device " + module.deviceKey() + ", which connects its "
                    + "module " + module + " only with a token for exactly " + String.join("/", path));
        }
    }

    private static SasTokenException notSignedBy(DeviceIdentity identity) {
        return new SasTokenException(SasFailure.SIGNATURE, "401002 IotHubUnauthorizedAccess: the SAS token is not "
                + "signed with a key of " + identity.key());
    }

    /** Checks the host and the path of the signed scope; see the class comment. */
    private void requireCovers(SasResource scope, List<String> targetPath) {
        HubOptions options = hub.options();
        if (!options.acceptsHostName(scope.host())) {
            throw new SasTokenException(SasFailure.SCOPE, "401002 IotHubUnauthorizedAccess: the SAS token is for host '"
                    + scope.host() + "', which is not this hub's; it answers to " + options.hostNames().stream()
                    .sorted().toList() + " (an emulator reached under another name needs --accept-host NAME)");
        }
        if (!scope.coversPath(targetPath)) {
            String target = targetPath.isEmpty() ? "the whole hub" : String.join("/", targetPath);
            throw new SasTokenException(SasFailure.SCOPE, "401002 IotHubUnauthorizedAccess: the SAS token for '"
                    + scope + "' does not cover " + target);
        }
    }

    private static void requireEnabled(DeviceIdentity identity) {
        if (identity.status() == DeviceStatus.DISABLED) {
            throw new TwinException(IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS, "401002 IotHubUnauthorizedAccess: "
                    + (identity.key().isModule() ? "module " : "device ") + identity.key() + " is disabled"
                    + identity.statusReason().map(reason -> " (" + reason + ")").orElse(""));
        }
    }

    private static List<String> pathOf(TwinKey key) {
        List<String> path = new ArrayList<>(List.of("devices", key.deviceId().value()));
        key.module().ifPresent(module -> {
            path.add("modules");
            path.add(module.value());
        });
        return List.copyOf(path);
    }

    private Instant now() {
        return hub.options().clock().instant();
    }
}
