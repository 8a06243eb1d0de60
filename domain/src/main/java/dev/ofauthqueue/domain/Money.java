package dev.ofauthqueue.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * The price of a mass message. OFAuth sends prices as strings such as {@code "5.00"}; absent, {@code null} or zero
 * means free.
 *
 * @param amount non-negative, scaled to cents
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final Money FREE = new Money(BigDecimal.ZERO);

    public Money {
        if (amount == null) {
            throw new IllegalArgumentException("amount must not be null");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount.toPlainString());
        }
        try {
            amount = amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount must have at most 2 decimals, was " + amount.toPlainString(), e);
        }
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    /**
     * Reads a price as OFAuth sends it: {@code null} or blank is free.
     *
     * @throws IllegalArgumentException when the text is not a non-negative decimal with at most 2 decimals
     */
    public static Money parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return FREE;
        }
        try {
            return new Money(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("price must be a decimal such as \"5.00\", was '" + text + "'", e);
        }
    }

    public boolean isFree() {
        return amount.signum() == 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** As OFAuth writes it: {@code "5.00"}. */
    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
