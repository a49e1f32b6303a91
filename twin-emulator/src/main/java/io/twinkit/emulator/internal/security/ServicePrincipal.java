package io.twinkit.emulator.internal.security;

import io.twinkit.emulator.AccessRight;
import java.util.Objects;
import java.util.Set;

/**
 * A caller of the service API, authenticated by a token signed with a shared access policy key.
 *
 * @param policyName the policy whose key signed the token, its {@code skn}
 * @param rights the rights the policy grants
 */
public record ServicePrincipal(String policyName, Set<AccessRight> rights) {

    /** Creates a principal. */
    public ServicePrincipal {
        Objects.requireNonNull(policyName, "policyName");
        rights = Set.copyOf(rights);
    }

    /** Returns whether the policy grants {@code right}. */
    public boolean grants(AccessRight right) {
        return rights.contains(Objects.requireNonNull(right, "right"));
    }
}
