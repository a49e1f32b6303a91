package io.twinkit.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A hub-level shared access policy: a name, two keys and the rights a token signed with them carries.
 *
 * @param name the policy name, the {@code skn} of its tokens
 * @param primaryKey the base64 primary key
 * @param secondaryKey the base64 secondary key
 * @param rights the rights granted
 */
public record SharedAccessPolicy(String name, String primaryKey, String secondaryKey, Set<AccessRight> rights) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Creates a policy.
     *
     * @throws IllegalArgumentException if a key is not base64 or there are no rights
     */
    public SharedAccessPolicy {
        Objects.requireNonNull(name, "name");
        requireBase64("primaryKey", primaryKey);
        requireBase64("secondaryKey", secondaryKey);
        if (rights.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + " grants no right");
        }
        rights = Set.copyOf(rights);
    }

    /** Returns a policy with two fresh 256-bit keys. */
    public static SharedAccessPolicy withNewKeys(String name, Set<AccessRight> rights) {
        return new SharedAccessPolicy(name, newKey(), newKey(), rights);
    }

    /**
     * Returns the five policies every hub starts with: {@code iothubowner} (all rights), {@code service}
     * (ServiceConnect), {@code device} (DeviceConnect), {@code registryRead} (RegistryRead) and
     * {@code registryReadWrite} (RegistryRead, RegistryWrite), each with fresh keys.
     */
    public static List<SharedAccessPolicy> defaults() {
        return List.of(
                withNewKeys("iothubowner", EnumSet.allOf(AccessRight.class)),
                withNewKeys("service", EnumSet.of(AccessRight.SERVICE_CONNECT)),
                withNewKeys("device", EnumSet.of(AccessRight.DEVICE_CONNECT)),
                withNewKeys("registryRead", EnumSet.of(AccessRight.REGISTRY_READ)),
                withNewKeys("registryReadWrite", EnumSet.of(AccessRight.REGISTRY_READ, AccessRight.REGISTRY_WRITE)));
    }

    /** Returns a fresh 256-bit key, base64-encoded, as IoT Hub generates them. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Returns whether the policy grants {@code right}. */
    public boolean grants(AccessRight right) {
        return rights.contains(right);
    }

    private static void requireBase64(String what, String key) {
        Objects.requireNonNull(key, what);
        try {
            if (Base64.getDecoder().decode(key).length == 0) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be a non-empty base64 string: " + e.getMessage(), e);
        }
    }

    /** Returns the policy without its keys, safe to log. */
    @Override
    public String toString() {
        return "SharedAccessPolicy[" + name + ", rights=" + rights + "]";
    }
}
