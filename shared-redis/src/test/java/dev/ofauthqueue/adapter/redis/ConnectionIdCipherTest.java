package dev.ofauthqueue.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.adapter.vertx.ApiKey;
import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionIdCipherTest {

    private static final ConnectionId CONN = ConnectionId.of("conn_secret_creator_42");
    private final ConnectionIdCipher cipher = new ConnectionIdCipher(new RedisKeys(new ApiKey("sk_test_cipher")));

    @Test
    void aSealedIdOpensInAnotherProcessOfTheSameApiKeyAndNeverShowsTheId() {
        String sealed = cipher.seal(CONN, "job 1 item 0");
        ConnectionIdCipher elsewhere = new ConnectionIdCipher(new RedisKeys(new ApiKey("sk_test_cipher")));

        assertThat(elsewhere.open(sealed, "job 1 item 0")).isEqualTo(CONN);
        assertThat(sealed).doesNotContain(CONN.value()).doesNotContain("conn_");
        assertThat(cipher.seal(CONN, "job 1 item 0"))
                .as("a fresh nonce per value: equal ids do not look equal")
                .isNotEqualTo(sealed);
    }

    @Test
    void anIdSealedUnderAnotherApiKeyOrForAnotherPlaceDoesNotOpen() {
        String sealed = cipher.seal(CONN, "job 1 item 0");
        ConnectionIdCipher otherKey = new ConnectionIdCipher(new RedisKeys(new ApiKey("sk_test_other")));

        assertThatThrownBy(() -> otherKey.open(sealed, "job 1 item 0"))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.IO))
                .hasMessageContaining("job 1 item 0")
                .hasMessageNotContaining(CONN.value());
        assertThatThrownBy(() -> cipher.open(sealed, "job 1 item 1")).isInstanceOf(DeletionJobStoreException.class);
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
            assertThatThrownBy(() -> cipher.open(bad, "here")).isInstanceOf(DeletionJobStoreException.class);
        }
    }

    @Test
    void itsDescriptionShowsNoKey() {
        assertThat(cipher.toString()).isEqualTo("ConnectionIdCipher[AES-256-GCM]");
    }
}
