package io.twinkit.emulator.internal.security;

import io.twinkit.core.SharedAccessSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A shared access signature token as IoT Hub checks it:
 * {@code SharedAccessSignature sr={resource}&sig={signature}&se={expiry}[&skn={policy}]}, signed by
 * {@link SharedAccessSignature}.
 *
 * <pre>{@code
 * String token = SharedAccessSignature.create(deviceKey, "myhub.azure-devices.net%2Fdevices%2Fdev1", 1700003600, null);
 * SasToken.parse(token).verify(deviceKey, "myhub.azure-devices.net/devices/dev1", Instant.now());
 * }</pre>
 *
 * <p>The signature is {@code Base64(HMAC-SHA256(Base64Decode(key), UTF-8(sr + "\n" + se)))} over {@code sr} exactly
 * as it appears in the token. The SDKs disagree on whether {@code sr} is percent-encoded and lower-cased, so
 * {@link #verifySignature} accepts a signature over {@code sr} as received and one over
 * {@code percentEncode(lowercase(percentDecode(sr)))}, which between them cover every SDK. <b>The scope is the
 * resource the matching signature covers</b>: {@code sr} decoded once when the signature is over {@code sr} as
 * received, its lower-cased form when only the lower-cased signature matches. So a token signed for
 * {@code host/devices/dev1} whose {@code sr} is re-cased to {@code host/devices/DEV1} still covers only {@code dev1}:
 * device ids are case-sensitive.
 *
 * <p>{@code sr} is percent-decoded exactly once (device ids may hold {@code %}, sent as {@code %25}), and a token
 * whose {@code sr} leaves any doubt is {@linkplain SasFailure#MALFORMED malformed}: a {@code %} that starts no
 * escape, escapes that are not UTF-8, an empty host or path segment, a host with characters no host name has (a
 * double-encoded {@code host%252Fdevices%252Fdev1} decodes to the "host" {@code host%2Fdevices%2Fdev1}), or a control
 * character; see {@link SasResource}.
 *
 * <p>Immutable and thread-safe; {@link #equals} compares the four fields as they appear in the token.
 * {@link #toString()} leaves the signature out, since a token is a bearer credential.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-dev-guide-sas">Control access to IoT Hub
 *     with SAS</a>
 */
public final class SasToken {

    private final String signedResource;
    private final SasResource sent;
    private final String signature;
    private final String expiryText;
    private final long expiry;
    private final @Nullable String keyName;

    private SasToken(String signedResource, String signature, String expiryText, @Nullable String keyName) {
        this.signedResource = signedResource;
        this.sent = SasResource.ofSigned(signedResource);
        this.signature = signature;
        this.expiryText = expiryText;
        this.expiry = parseExpiry(expiryText);
        this.keyName = keyName;
    }

    /**
     * Parses a token. Fields may come in any order; fields other than {@code sr}, {@code sig}, {@code se} and
     * {@code skn} are ignored.
     *
     * @throws SasTokenException with {@link SasFailure#MALFORMED} if the token does not start with
     *     {@code SharedAccessSignature }, a {@code &}-separated part has no {@code =}, a field name repeats,
     *     {@code sr}, {@code sig} or {@code se} is missing, {@code se} is not a decimal integer, or {@code sr} is not a
     *     well-formed resource once percent-decoded (see the class comment)
     */
    public static SasToken parse(String token) {
        Objects.requireNonNull(token, "token");
        if (!token.startsWith(SharedAccessSignature.PREFIX)) {
            throw malformed("it does not start with '" + SharedAccessSignature.PREFIX + "'");
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : token.substring(SharedAccessSignature.PREFIX.length()).split("&", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw malformed("the part '" + abbreviate(part) + "' has no '='");
            }
            String name = part.substring(0, eq);
            if (fields.put(name, part.substring(eq + 1)) != null) {
                throw malformed("the field '" + abbreviate(name) + "' repeats");
            }
        }
        for (String required : List.of("sr", "sig", "se")) {
            if (!fields.containsKey(required)) {
                throw malformed("the field '" + required + "' is missing");
            }
        }
        return new SasToken(fields.get("sr"), PercentCoding.decode(fields.get("sig")), fields.get("se"),
                fields.get("skn"));
    }

    /** Returns the {@code sr} exactly as it appears in the token, percent-encoded or not. */
    public String signedResource() {
        return signedResource;
    }

    /**
     * Returns the {@code sr} percent-decoded once, e.g. {@code myhub.azure-devices.net/devices/dev1}: what the token
     * says it is for. What it is valid for is {@link #verifySignature(String)}'s answer.
     */
    public String resource() {
        return sent.toString();
    }

    /** Returns the host name of the {@code sr} as sent: the first {@code /}-separated segment of {@link #resource()}. */
    public String resourceHost() {
        return sent.host();
    }

    /**
     * Returns the segments of the {@code sr} as sent after the host name, e.g. {@code [devices, dev1]}; empty for a
     * hub-level token. Not necessarily the scope: see {@link #verifySignature(String)}.
     */
    public List<String> resourcePath() {
        return sent.path();
    }

    /** Returns the signature: the {@code sig} percent-decoded, a base64 string for a well-formed token. */
    public String signature() {
        return signature;
    }

    /** Returns the {@code se}: the expiry in seconds since the Unix epoch. */
    public long expiry() {
        return expiry;
    }

    /** Returns the {@code skn}: the name of the shared access policy whose key signed the token, if it names one. */
    public Optional<String> keyName() {
        return Optional.ofNullable(keyName);
    }

    /**
     * Checks the token against a key, the resource a request targets and the current time, in that order:
     * signature, scope, expiry.
     *
     * @param base64Key the key the token should be signed with, base64-encoded
     * @param resource the un-encoded resource the request targets, e.g. {@code myhub.azure-devices.net/devices/dev1}
     * @param now the current time
     * @throws SasTokenException with {@link SasFailure#SIGNATURE} if the key did not sign the token,
     *     {@link SasFailure#SCOPE} if the token does not cover {@code resource}, or {@link SasFailure#EXPIRED} if
     *     {@code se <= now}
     * @throws IllegalArgumentException if {@code base64Key} is not a non-empty base64 string, or {@code resource} is not
     *     a well-formed resource ({@link SasResource#parse})
     */
    public void verify(String base64Key, String resource, Instant now) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(now, "now");
        SasResource scope = verifySignature(base64Key);
        if (!scope.covers(SasResource.parse(resource))) {
            throw new SasTokenException(SasFailure.SCOPE, "401002 IotHubUnauthorizedAccess: the SAS token for '"
                    + scope + "' does not cover '" + resource + "'");
        }
        verifyNotExpired(now);
    }

    /**
     * Checks that {@code base64Key} signed the token and returns the scope that signature grants: {@code sr} decoded
     * once if the signature is over {@code sr} as received, its lower-cased form if the signature is only over
     * {@code percentEncode(lowercase(percentDecode(sr)))}.
     *
     * @return the resource the signature covers; compare it with the request's target, never {@link #resource()}
     * @throws SasTokenException with {@link SasFailure#SIGNATURE} if the key did not sign the token
     * @throws IllegalArgumentException if {@code base64Key} is not a non-empty base64 string
     */
    public SasResource verifySignature(String base64Key) {
        return scopeSignedBy(base64Key).orElseThrow(() -> new SasTokenException(SasFailure.SIGNATURE,
                "401002 IotHubUnauthorizedAccess: the signature of the SAS token for '" + resource() + "'"
                        + keyName().map(k -> " (skn " + k + ")").orElse("") + " does not match the key"));
    }

    /**
     * Returns the scope {@code base64Key}'s signature grants, as {@link #verifySignature(String)}, or empty if that
     * key did not sign the token.
     *
     * @throws IllegalArgumentException if {@code base64Key} is not a non-empty base64 string
     */
    public Optional<SasResource> scopeSignedBy(String base64Key) {
        byte[] given = signature.getBytes(StandardCharsets.UTF_8);
        // compared as text, not as decoded bytes: base64 text with different unused low bits decodes the same
        if (MessageDigest.isEqual(given, signatureText(base64Key, signedResource))) {
            return Optional.of(sent);
        }
        SasResource lowerCased = sent.lowerCased();
        String canonical = PercentCoding.encode(lowerCased.toString());
        if (!canonical.equals(signedResource) && MessageDigest.isEqual(given, signatureText(base64Key, canonical))) {
            return Optional.of(lowerCased);
        }
        return Optional.empty();
    }

    /**
     * Returns whether {@code base64Key} signed the token, over {@code sr} as received or over its lower-cased
     * canonical form; {@link #scopeSignedBy(String)} tells what for.
     *
     * @throws IllegalArgumentException if {@code base64Key} is not a non-empty base64 string
     */
    public boolean isSignedWith(String base64Key) {
        return scopeSignedBy(base64Key).isPresent();
    }

    /**
     * Checks that the token has not expired: {@code se} must be after {@code now}; a token whose {@code se} equals
     * {@code now} has expired.
     *
     * @throws SasTokenException with {@link SasFailure#EXPIRED} if it has
     */
    public void verifyNotExpired(Instant now) {
        if (expiry <= now.getEpochSecond()) {
            throw new SasTokenException(SasFailure.EXPIRED, "401002 IotHubUnauthorizedAccess: the SAS token for '"
                    + resource() + "' expired at se=" + expiryText + " (" + expiryText() + "), now is " + now);
        }
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof SasToken o
                && expiryText.equals(o.expiryText)
                && signedResource.equals(o.signedResource)
                && signature.equals(o.signature)
                && Objects.equals(keyName, o.keyName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signedResource, signature, expiryText, keyName);
    }

    /** Returns the resource, expiry and key name, without the signature. */
    @Override
    public String toString() {
        return "SasToken[sr=" + signedResource + ", se=" + expiryText + (keyName == null ? "" : ", skn=" + keyName)
                + "]";
    }

    private String expiryText() {
        try {
            return Instant.ofEpochSecond(expiry).toString();
        } catch (java.time.DateTimeException e) {
            return "out of range";
        }
    }

    private byte[] signatureText(String base64Key, String resourceText) {
        // over se as received: a client that wrote leading zeros signed them too
        return SharedAccessSignature.sign(base64Key, resourceText, expiryText).getBytes(StandardCharsets.UTF_8);
    }

    private static long parseExpiry(String text) {
        if (!text.matches("-?[0-9]{1,19}")) {
            throw malformed("se '" + abbreviate(text) + "' is not a decimal integer");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw malformed("se '" + text + "' is out of range");
        }
    }

    private static SasTokenException malformed(String why) {
        return new SasTokenException(SasFailure.MALFORMED, "401002 IotHubUnauthorizedAccess: malformed SAS token: "
                + why);
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
