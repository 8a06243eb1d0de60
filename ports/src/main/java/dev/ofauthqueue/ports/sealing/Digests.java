package dev.ofauthqueue.ports.sealing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash and MAC everything that seals or names with a key derived from the API key uses (job seals, Redis key
 * names, plan files): one place for the JDK's algorithm names and for their failures, which a JDK cannot have.
 */
public final class Digests {

    private Digests() {}

    /**
     * HMAC-SHA256.
     *
     * @param key  the key
     * @param data the message, as UTF-8
     * @return the 32-byte MAC
     */
    public static byte[] hmacSha256(byte[] key, String data) {
        return hmacSha256(key, data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * HMAC-SHA256.
     *
     * @param key  the key
     * @param data the message
     * @return the 32-byte MAC
     */
    public static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * SHA-256.
     *
     * @param text the text, as UTF-8
     * @return the 32-byte digest
     */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
