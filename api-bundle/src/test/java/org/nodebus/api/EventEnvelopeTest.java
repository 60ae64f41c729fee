package org.nodebus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;

class EventEnvelopeTest {
    private static final NewBlock BLOCK = new NewBlock(Hash32.of(new byte[32]), 7);

    @Test
    void theTypeComesFromThePayload() {
        Event event = new Event(3, Instant.EPOCH, Event.NODE_PUBLISHER, BLOCK, false, 0);
        assertEquals(EventType.NEW_BLOCK, event.type());
    }

    @Test
    void negativeCountsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Event(-1, Instant.EPOCH, "m", BLOCK, false, 0));
        assertTrue(e.getMessage().contains("Event.sequence") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Event(1, Instant.EPOCH, "m", BLOCK, false, -2));
        assertThrows(NullPointerException.class, () -> new Event(1, Instant.EPOCH, "m", null, false, 0));
    }

    @Test
    void statsAddUpToOffered() {
        assertEquals(10, new DeliveryStats(4, 3, 2, 1).offered());
        assertEquals(0, DeliveryStats.ZERO.offered());
        assertThrows(IllegalArgumentException.class, () -> new DeliveryStats(-1, 0, 0, 0));
    }
}
