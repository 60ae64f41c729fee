package org.nodebus.api.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Hash32Test {
    private static final String GENESIS = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";

    @Test
    void hexRoundTrips() {
        Hash32 hash = Hash32.fromHex(GENESIS);
        assertEquals(GENESIS, hash.toHex());
        assertEquals(GENESIS, hash.toString());
        assertEquals(hash, Hash32.of(hash.bytes()));
        assertEquals(hash.hashCode(), Hash32.of(hash.bytes()).hashCode());
    }

    @Test
    void upperCaseAndPrefixAreAccepted() {
        assertEquals(Hash32.fromHex(GENESIS), Hash32.fromHex("0x" + GENESIS.toUpperCase()));
    }

    @Test
    void bytesAreCopiedBothWays() {
        byte[] bytes = new byte[32];
        Hash32 hash = Hash32.of(bytes);
        bytes[0] = 1;
        assertEquals(0, hash.bytes()[0]);
        hash.bytes()[1] = 1;
        assertArrayEquals(new byte[32], hash.bytes());
        assertNotEquals(hash, Hash32.of(bytes));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 33, 64})
    void wrongByteCountsAreRefused(int length) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hash32.of(new byte[length]));
        assertTrue(e.getMessage().contains("32 bytes") && e.getMessage().contains(String.valueOf(length)), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "0x00", GENESIS + "00"})
    void wrongDigitCountsAreRefused(String hex) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hash32.fromHex(hex));
        assertTrue(e.getMessage().contains("64 hexadecimal digits"), e.getMessage());
    }

    @Test
    void nonHexIsRefusedNamingTheCharacter() {
        String bad = "g" + GENESIS.substring(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hash32.fromHex(bad));
        assertTrue(e.getMessage().contains("'g' at position 0"), e.getMessage());
    }

    @Test
    void nullIsRefused() {
        assertThrows(NullPointerException.class, () -> Hash32.fromHex(null));
        assertThrows(NullPointerException.class, () -> Hash32.of(null));
    }
}
