package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals connection ids that a deletion job must keep in Redis (resuming needs them; a connection id is a credential):
 * AES-256-GCM under a key derived from the API key, a fresh random 96-bit nonce per value, and the place the value is
 * kept bound in as associated data, so a sealed id copied to another item or job does not open there.
 */
final class ConnectionIdCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    ConnectionIdCipher(RedisKeys keys) {
        this.key = new SecretKeySpec(keys.derive("connection-id cipher v1"), "AES");
    }

    /**
     * Seals {@code connection} for the place {@code where} (a job and item, say).
     *
     * @return base64 of the nonce followed by the ciphertext and its tag
     */
    String seal(ConnectionId connection, String where) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(where.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(connection.value().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JVM", e);
        }
    }

    /**
     * Opens a value {@link #seal} made for {@code where}.
     *
     * @throws DeletionJobStoreException of kind {@link DeletionJobStoreException.Kind#IO} when it does not open: it
     *     was sealed under another API key or for another place, or altered
     */
    ConnectionId open(String sealed, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException notBase64) {
            throw unreadable(where);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw unreadable(where);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(where.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return ConnectionId.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException wrongKeyOrAltered) {
            throw unreadable(where);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JVM", e);
        }
    }

    private static DeletionJobStoreException unreadable(String where) {
        return new DeletionJobStoreException(
                DeletionJobStoreException.Kind.IO,
                "the connection id kept for " + where + " does not open with this API key: it was written under"
                        + " another API key, or altered",
                null);
    }

    @Override
    public String toString() {
        return "ConnectionIdCipher[AES-256-GCM]";
    }
}
