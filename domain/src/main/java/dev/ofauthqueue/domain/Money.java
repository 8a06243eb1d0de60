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

    /** No price: zero. */
    public static final Money FREE = new Money(BigDecimal.ZERO);

    /**
     * Checks the amount and scales it to cents.
     *
     * @param amount non-negative, scaled to cents
     * @throws IllegalArgumentException when the amount is {@code null}, negative or has more than 2 decimals
     */
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

    /**
     * The amount written in {@code amount}.
     *
     * @param amount a non-negative decimal with at most 2 decimals, for example {@code "5"} or {@code "5.00"}
     * @return the money
     * @throws NumberFormatException when {@code amount} is not a decimal
     * @throws IllegalArgumentException when it is negative or has more than 2 decimals
     */
    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    /**
     * Reads a price as OFAuth sends it: {@code null} or blank is free.
     *
     * @param text the price text, trimmed before reading
     * @return the price
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

    /**
     * Whether the amount is zero.
     *
     * @return {@code true} for zero
     */
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
