package io.twinkit.emulator.internal.security;

/**
 * Why a SAS token was refused. The checks run in this order and the first that fails is the reason.
 *
 * @see SasToken#verify(String, String, java.time.Instant)
 */
public enum SasFailure {
    /**
     * The token is not a token: no {@code SharedAccessSignature } prefix, a part without {@code =}, a repeated field,
     * {@code sr}, {@code sig} or {@code se} missing, or {@code se} not a decimal integer.
     */
    MALFORMED,
    /** The signature was not made with the key over the token's {@code sr} and {@code se}. */
    SIGNATURE,
    /** The token's resource does not cover the resource the request targets. */
    SCOPE,
    /** The token's expiry {@code se} is not after now. */
    EXPIRED
}
