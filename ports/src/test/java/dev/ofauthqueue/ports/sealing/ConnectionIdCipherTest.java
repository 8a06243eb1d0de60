package dev.ofauthqueue.ports.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ofauthqueue.ConnectionId;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionIdCipherTest {

    private static final ConnectionId CONN = ConnectionId.of("conn_secret_creator_42");
    private final ConnectionIdCipher cipher = new ConnectionIdCipher(key(1));

    @Test
    void aSealedIdOpensInAnotherProcessOfTheSameApiKeyAndNeverShowsTheId() {
        String sealed = cipher.seal(CONN, "job 1 item 0");
        ConnectionIdCipher elsewhere = new ConnectionIdCipher(key(1));

        assertThat(elsewhere.open(sealed, "job 1 item 0")).contains(CONN);
        assertThat(sealed).doesNotContain(CONN.value()).doesNotContain("conn_");
        assertThat(cipher.seal(CONN, "job 1 item 0"))
                .as("a fresh nonce per value: equal ids do not look equal")
                .isNotEqualTo(sealed);
    }

    @Test
    void anIdSealedUnderAnotherApiKeyOrForAnotherPlaceDoesNotOpen() {
        String sealed = cipher.seal(CONN, "job 1 item 0");
        ConnectionIdCipher otherKey = new ConnectionIdCipher(key(2));

        assertThat(otherKey.open(sealed, "job 1 item 0")).isEmpty();
        assertThat(cipher.open(sealed, "job 1 item 1")).isEmpty();
    }

    /** Every single flipped bit, and garbage of every length, is refused with the typed error, never opened. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void alteredOrGarbageValuesAreRefused(int seed) {
        Random random = new Random(seed);
        byte[] bytes = Base64.getDecoder().decode(cipher.seal(CONN, "here"));
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        byte[] garbage = new byte[random.nextInt(64)];
        random.nextBytes(garbage);

        for (String bad : new String[] {
            Base64.getEncoder().encodeToString(bytes), Base64.getEncoder().encodeToString(garbage), "not base64 at all!"
        }) {
            assertThat(cipher.open(bad, "here")).isEmpty();
        }
    }

    @Test
    void aKeyOfAnotherLengthIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ConnectionIdCipher(new byte[16]));
    }

    @Test
    void itsDescriptionShowsNoKey() {
        assertThat(cipher.toString()).isEqualTo("ConnectionIdCipher[AES-256-GCM]");
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return key;
    }
}
