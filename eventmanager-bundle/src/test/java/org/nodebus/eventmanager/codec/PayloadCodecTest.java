package org.nodebus.eventmanager.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NodeStartupCompleted;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.PeerConnected;
import org.nodebus.api.event.Urgency;

class PayloadCodecTest {
    private static final String HEX = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";

    @Test
    void recordsBecomeFlatProperties() {
        Map<String, Object> p = PayloadCodec.toProperties(new NewBlock(Hash32.fromHex(HEX), 7));
        assertEquals(Map.of("blockHash", HEX, "height", 7L), p);
        Map<String, Object> m = PayloadCodec.toProperties(new DataMaintenance(Operation.FLUSH, Urgency.HIGH,
                MaintenanceReason.SHUTDOWN, Optional.empty(), Optional.of(30L)));
        assertEquals(Map.of("operation", "FLUSH", "urgency", "HIGH", "reason", "SHUTDOWN", "timeoutSeconds", 30L), m);
        assertFalse(m.containsKey("targetAgeDays"), "an empty optional is no property");
        assertArrayEquals(new String[] {"a", "b"},
                (String[]) PayloadCodec.toProperties(new NodeStartupCompleted(1, List.of("a", "b"))).get("components"));
    }

    @Test
    void textFieldsBecomeRecords() {
        EventPayload p = PayloadCodec.fromText(EventType.NEW_BLOCK, Map.of("blockhash", HEX, "HEIGHT", "12"));
        assertEquals(new NewBlock(Hash32.fromHex(HEX), 12), p);
        EventPayload peer = PayloadCodec.fromText(EventType.PEER_CONNECTED, Map.of("peerAddr", "127.0.0.1:8333",
                "transportType", "tcp", "services", "1", "protocolVersion", "70016"));
        assertEquals(Optional.empty(), ((PeerConnected) peer).peerNodeId());
        EventPayload dm = PayloadCodec.fromText(EventType.DATA_MAINTENANCE, Map.of("operation", "flush",
                "urgency", "high", "reason", "manual", "timeoutSeconds", "5"));
        assertEquals(new DataMaintenance(Operation.FLUSH, Urgency.HIGH, MaintenanceReason.MANUAL, Optional.empty(),
                Optional.of(5L)), dm);
    }

    @Test
    void badTextIsRefusedNamingTheFieldAndWhatIsValid() {
        assertMessage(Map.of("height", "1"), "NewBlock needs blockHash=<64 hex digits>");
        assertMessage(Map.of("blockHash", HEX, "height", "tall"), "NewBlock.height must be a whole number but was 'tall'");
        assertMessage(Map.of("blockHash", HEX, "height", "1", "color", "red"),
                "NewBlock has no field 'color'; its fields are: blockHash=<64 hex digits> height=<whole number>");
        assertMessage(Map.of("blockHash", "abc", "height", "1"), "NewBlock.blockHash: a hash must be 64 hexadecimal digits");
        assertMessage(Map.of("blockHash", HEX, "height", "-1"), "NewBlock.height must be >= 0 but was -1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PayloadCodec.fromText(
                EventType.DATA_MAINTENANCE, Map.of("operation", "burn", "urgency", "low", "reason", "manual")));
        assertTrue(e.getMessage().contains("DataMaintenance.operation must be one of FLUSH, CLEANUP, BOTH but was 'burn'"),
                e.getMessage());
    }

    private static void assertMessage(Map<String, String> fields, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PayloadCodec.fromText(EventType.NEW_BLOCK, fields));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void everyTypeIsDescribed() {
        for (EventType type : EventType.values()) {
            String d = PayloadCodec.describe(type);
            assertTrue(d.contains("=<"), type + ": " + d);
        }
    }
}
