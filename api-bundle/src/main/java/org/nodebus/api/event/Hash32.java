package org.nodebus.api.event;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 32-byte hash (block or transaction hash), immutable. Printed and parsed as 64 hexadecimal digits.
 */
public final class Hash32 {
    /** The number of bytes in a hash. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Hash32(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A hash made of a copy of the given bytes.
     *
     * @param bytes exactly 32 bytes
     * @return the hash
     * @throws IllegalArgumentException if there are not exactly 32 bytes
     */
    public static Hash32 of(byte[] bytes) {
        Objects.requireNonNull(bytes, "hash bytes must not be null");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a hash must be " + LENGTH + " bytes but was " + bytes.length);
        }
        return new Hash32(bytes.clone());
    }

    /**
     * Parses 64 hexadecimal digits (upper or lower case, an optional {@code 0x} prefix).
     *
     * @param hex the digits
     * @return the hash
     * @throws IllegalArgumentException if the text is not 64 hexadecimal digits; the message quotes it
     */
    public static Hash32 fromHex(String hex) {
        Objects.requireNonNull(hex, "hash text must not be null");
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != LENGTH * 2) {
            throw new IllegalArgumentException("a hash must be " + LENGTH * 2 + " hexadecimal digits but '"
                    + abbreviate(hex) + "' has " + digits.length());
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("a hash must be hexadecimal digits (0-9, a-f) but '"
                        + abbreviate(hex) + "' has '" + digits.charAt(i) + "' at position " + i);
            }
        }
        return new Hash32(HEX.parseHex(digits));
    }

    /**
     * The bytes of this hash.
     *
     * @return a new copy of the 32 bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * This hash as 64 lower-case hexadecimal digits.
     *
     * @return the digits, without prefix
     */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hash32 h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Returns {@link #toHex()}. */
    @Override
    public String toString() {
        return toHex();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
