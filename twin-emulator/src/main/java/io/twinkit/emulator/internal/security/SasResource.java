package io.twinkit.emulator.internal.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The resource a SAS token names, or a request targets: a host name and the path segments after it, e.g.
 * {@code myhub.azure-devices.net} and {@code [devices, dev1]}; no segments for the whole hub.
 *
 * <pre>{@code
 * SasResource scope = SasToken.parse(token).verifySignature(key);        // what the signature covers
 * scope.covers(SasResource.parse("myhub.azure-devices.net/devices/dev1/modules/m1"));   // true
 * }</pre>
 *
 * <p>Well-formed means: a non-empty host of letters, digits and {@code . - _ : [ ]} (a DNS name, an IPv4 address,
 * an IPv6 literal, optionally with {@code :port}), and path segments that are not empty and hold no control
 * character. Device ids are case-sensitive, so path segments compare exactly; host names compare ignoring case.
 *
 * <p>Immutable and thread-safe; {@link #equals} compares host and segments exactly.
 */
public final class SasResource {

    private final String host;
    private final List<String> path;

    private SasResource(String host, List<String> path) {
        this.host = host;
        this.path = path;
    }

    /**
     * Parses an un-encoded resource, e.g. {@code myhub.azure-devices.net/devices/dev1}; nothing is percent-decoded.
     *
     * @throws IllegalArgumentException naming the problem if the resource is not well-formed (see the class comment)
     */
    public static SasResource parse(String resource) {
        Objects.requireNonNull(resource, "resource");
        String[] segments = resource.split("/", -1);
        String host = segments[0];
        if (host.isEmpty()) {
            throw new IllegalArgumentException("it names no host");
        }
        for (int i = 0; i < host.length(); i++) {
            if (!isHostCharacter(host.charAt(i))) {
                throw new IllegalArgumentException("its host '" + host + "' holds '" + host.charAt(i)
                        + "', which no host name has");
            }
        }
        List<String> path = List.of(Arrays.copyOfRange(segments, 1, segments.length));
        for (String segment : path) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("it has an empty path segment");
            }
            if (segment.codePoints().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("a path segment holds a control character");
            }
        }
        return new SasResource(host, path);
    }

    /**
     * Returns the resource of a token's {@code sr} as sent: percent-decoded exactly once, then parsed.
     *
     * @throws SasTokenException with {@link SasFailure#MALFORMED} if {@code sr} has a {@code %} that starts no
     *     escape, escapes that are not UTF-8, or does not decode to a well-formed resource
     */
    static SasResource ofSigned(String signedResource) {
        try {
            return parse(PercentCoding.decodeStrictly(signedResource));
        } catch (IllegalArgumentException e) {
            throw new SasTokenException(SasFailure.MALFORMED, "401002 IotHubUnauthorizedAccess: malformed SAS token: "
                    + "sr '" + SasToken.abbreviate(signedResource) + "' is not a resource URI: " + e.getMessage());
        }
    }

    /** Returns the host name as written, e.g. {@code myhub.azure-devices.net} or {@code localhost:8443}. */
    public String host() {
        return host;
    }

    /** Returns the path segments after the host, e.g. {@code [devices, dev1]}; empty for the whole hub. */
    public List<String> path() {
        return path;
    }

    /**
     * Returns whether this resource's path is a prefix of {@code target}, segment by segment and exactly: a token
     * for {@code devices/dev1} covers {@code devices/dev1/modules/m}, not {@code devices/dev10} or
     * {@code devices/DEV1}. Hosts are not compared.
     */
    public boolean coversPath(List<String> target) {
        Objects.requireNonNull(target, "target");
        return path.size() <= target.size() && target.subList(0, path.size()).equals(path);
    }

    /** Returns whether the hosts are equal ignoring case and this resource's path {@linkplain #coversPath covers} the other's. */
    public boolean covers(SasResource target) {
        Objects.requireNonNull(target, "target");
        return host.equalsIgnoreCase(target.host) && coversPath(target.path);
    }

    /** Returns this resource with host and path in lower case, as the canonical form the docs sign. */
    SasResource lowerCased() {
        return parse(toString().toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof SasResource o && host.equals(o.host) && path.equals(o.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, path);
    }

    /** Returns the resource un-encoded, {@code host[/segment…]}. */
    @Override
    public String toString() {
        return path.isEmpty() ? host : host + "/" + String.join("/", path);
    }

    private static boolean isHostCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '-' || c == '_' || c == ':' || c == '[' || c == ']';
    }
}
