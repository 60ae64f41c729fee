package org.nodebus.api.event;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypeParseTest {

    @ParameterizedTest
    @ValueSource(strings = {"NewBlock", "NEW_BLOCK", "newblock", "new-block", "  NewBlock "})
    void acceptsTheWaysUsersWriteANewBlock(String name) {
        assertSame(EventType.NEW_BLOCK, EventType.parse(name));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeParsesFromItsEventNameAndItsConstantName(EventType type) {
        assertSame(type, EventType.parse(type.eventName()));
        assertSame(type, EventType.parse(type.name()));
        assertSame(type, EventType.parse(type.name().toLowerCase()));
    }

    @Test
    void anUnknownNameIsRefusedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventType.parse("NewBlok"));
        assertTrue(e.getMessage().contains("'NewBlok'"), e.getMessage());
        for (EventType type : EventType.values()) {
            assertTrue(e.getMessage().contains(type.eventName()), e.getMessage());
        }
    }

    @Test
    void nullAndEmptyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventType.parse(null));
        assertThrows(IllegalArgumentException.class, () -> EventType.parse(""));
    }
}
