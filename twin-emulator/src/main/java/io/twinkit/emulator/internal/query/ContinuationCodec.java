package io.twinkit.emulator.internal.query;

import io.twinkit.query.InvalidQueryException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and reads the continuation tokens of one hub: base64url (unpadded) of a format byte, the {@link CursorId},
 * the offset of the next item, the SHA-256 of the query text, and an HMAC-SHA-256 (first 16 bytes) of all that under
 * a random key of this codec. So a token is opaque, names an unguessable cursor, binds that cursor to its query text,
 * and cannot be changed (a different offset, another cursor) without the hub noticing.
 *
 * <p>Thread-safe.
 */
public final class ContinuationCodec {

    private static final byte FORMAT = 1;
    private static final int HASH_BYTES = 32;
    private static final int MAC_BYTES = 16;
    private static final int BODY_BYTES = 1 + 16 + 4 + HASH_BYTES;
    private static final int TOKEN_BYTES = BODY_BYTES + MAC_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** Creates a codec with a fresh random key: it reads only the tokens it wrote. */
    public ContinuationCodec() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Returns the SHA-256 of the UTF-8 bytes of {@code sql}, the query text a token is bound to. */
    public static byte[] hash(String sql) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Returns the token of the page that starts at {@code offset} of cursor {@code cursor}, for query text with
     * {@link #hash} {@code queryHash}.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or {@code queryHash} is not 32 bytes
     */
    public String encode(CursorId cursor, int offset, byte[] queryHash) {
        Objects.requireNonNull(cursor, "cursor");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (queryHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("queryHash must be a SHA-256 of 32 bytes, not " + queryHash.length);
        }
        ByteBuffer token = ByteBuffer.allocate(TOKEN_BYTES);
        token.put(FORMAT).putLong(cursor.high()).putLong(cursor.low()).putInt(offset).put(queryHash);
        token.put(mac(token.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /**
     * Reads {@code token} and checks that it belongs to the query text with {@link #hash} {@code queryHash}.
     *
     * @throws InvalidQueryException (400004) if the token is not one this codec wrote (garbled, forged, or from
     *     another hub), or it was written for different query text
     */
    public Position decode(String token, byte[] queryHash) {
        Objects.requireNonNull(token, "token");
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            throw notIssued(token);
        }
        if (bytes.length != TOKEN_BYTES || bytes[0] != FORMAT) {
            throw notIssued(token);
        }
        byte[] expected = mac(bytes);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, BODY_BYTES, TOKEN_BYTES))) {
            throw notIssued(token);
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, 1, BODY_BYTES - 1);
        CursorId cursor = new CursorId(body.getLong(), body.getLong());
        int offset = body.getInt();
        byte[] tokenHash = new byte[HASH_BYTES];
        body.get(tokenHash);
        if (!MessageDigest.isEqual(tokenHash, queryHash)) {
            throw new InvalidQueryException("the continuation token was issued for a different query text; send the"
                    + " exact text of the first page's query together with its continuation token");
        }
        return new Position(cursor, offset);
    }

    private byte[] mac(byte[] token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(token, 0, BODY_BYTES);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    private static InvalidQueryException notIssued(String token) {
        String shown = token.length() <= 24 ? token : token.substring(0, 24) + "...";
        return new InvalidQueryException("continuation token '" + shown + "' is not one this hub issued (garbled,"
                + " altered or from another hub); run the query again without a continuation token");
    }

    /**
     * Where a token points.
     *
     * @param cursor the cursor that holds the result
     * @param offset the index of the first item of the page
     */
    public record Position(CursorId cursor, int offset) {
        /** Creates a position. */
        public Position {
            Objects.requireNonNull(cursor, "cursor");
        }
    }
}
