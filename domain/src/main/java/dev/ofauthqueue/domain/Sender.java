package dev.ofauthqueue.domain;

import java.util.Optional;

/**
 * The account a mass message is sent from (OFAuth's {@code fromUser}).
 *
 * @param id   the OnlyFans user id
 * @param name the display name, when OFAuth sends it (some answers carry only {@code _view})
 */
public record Sender(long id, Optional<String> name) {

    /**
     * Checks the name holder.
     *
     * @param id   the OnlyFans user id
     * @param name the display name, when OFAuth sends it (some answers carry only {@code _view})
     * @throws IllegalArgumentException when {@code name} is {@code null} rather than empty
     */
    public Sender {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null; use Optional.empty()");
        }
    }
}
