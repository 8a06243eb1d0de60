package dev.ofauthqueue.ports.sealing;

import dev.ofauthqueue.ConnectionId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals connection ids that must be kept outside the process (a job on Redis, a plan file: resuming or applying needs
 * them, and a connection id is a credential): AES-256-GCM under a key derived from the API key, a fresh random 96-bit
 * nonce per value, and the place the value is kept bound in as associated data, so a sealed id copied to another
 * place does not open there.
 */
public final class ConnectionIdCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /**
     * A cipher under {@code key}.
     *
     * @param key 32 bytes derived from the API key for this purpose; copied
     * @throws IllegalArgumentException when it is not 32 bytes long
     */
    public ConnectionIdCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a connection-id cipher needs a 32-byte key, was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * Seals {@code connection} for the place {@code where} (a job and item, say).
     *
     * @param connection the id
     * @param where      the place it is kept, bound in: it opens only for the same place
     * @return base64 of the nonce followed by the ciphertext and its tag
     */
    public String seal(ConnectionId connection, String where) {
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
     * @param sealed what {@link #seal} answered
     * @param where  the place it was sealed for
     * @return the id; empty when it does not open: it was sealed under another API key or for another place, altered,
     *     or is not a sealed value at all
     */
    public Optional<ConnectionId> open(String sealed, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(where.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(ConnectionId.of(new String(plain, StandardCharsets.UTF_8)));
        } catch (AEADBadTagException wrongKeyOrAltered) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ConnectionIdCipher[AES-256-GCM]";
    }
}
