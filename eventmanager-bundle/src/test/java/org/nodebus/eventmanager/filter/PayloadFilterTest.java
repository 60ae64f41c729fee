package org.nodebus.eventmanager.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.DiskSpaceLow;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.HealthCheck;
import org.nodebus.api.event.HealthCheckType;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.MessageReceived;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NodeStartupCompleted;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.Urgency;

class PayloadFilterTest {
    private static final MessageReceived BIG_INV = new MessageReceived("10.0.0.1:8333", "inv", 5000, 70016);
    private static final MessageReceived SMALL_TX = new MessageReceived("10.0.0.2:8333", "tx", 200, 70015);

    private static boolean matches(String filter, EventPayload payload) {
        return PayloadFilter.parse(filter, Set.of(payload.type())).matches(payload);
    }

    private static String refusal(String filter, EventType... types) {
        return assertThrows(IllegalArgumentException.class, () -> PayloadFilter.parse(filter, Set.of(types)))
                .getMessage();
    }

    @Test
    void theIssuesExampleMatchesBigInventoriesOnly() {
        String f = "(&(messageType=inv)(messageSize>=1000))";
        assertTrue(matches(f, BIG_INV));
        assertFalse(matches(f, SMALL_TX));
        assertFalse(matches(f, new MessageReceived("p", "inv", 999, 1)));
    }

    @Test
    void wholeNumbersCompareAsNumbersNotText() {
        // as text "900" > "1000"; as numbers it is not
        assertFalse(matches("(messageSize>=1000)", new MessageReceived("p", "inv", 900, 1)));
        assertTrue(matches("(messageSize<=1000)", new MessageReceived("p", "inv", 900, 1)));
        assertTrue(matches("(protocolVersion=70016)", BIG_INV)); // an int field
        assertTrue(matches("(height>=800000)", new NewBlock(Hash32.of(new byte[32]), 800_001)));
    }

    @Test
    void decimalsCompareAsNumbers() {
        DiskSpaceLow low = new DiskSpaceLow(10, 100, 4.5, "/data");
        assertTrue(matches("(percentFree<=5)", low));
        assertFalse(matches("(percentFree>=5.5)", low));
    }

    @Test
    void textSupportsEqualityPatternsOrderingAndApproximation() {
        assertTrue(matches("(peerAddr=10.0.0.*)", BIG_INV));
        assertFalse(matches("(peerAddr=192.*)", BIG_INV));
        assertTrue(matches("(messageType<=j)", BIG_INV)); // "inv" sorts before "j"
        assertTrue(matches("(messageType~=INV)", BIG_INV));
        assertTrue(matches("(!(messageType=tx))", BIG_INV));
        assertTrue(matches("(|(messageType=tx)(messageType=inv))", BIG_INV));
    }

    @Test
    void enumsCompareByConstantNameAndBooleansAsBooleans() {
        DataMaintenance m = new DataMaintenance(Operation.CLEANUP, Urgency.HIGH, MaintenanceReason.PERIODIC,
                Optional.of(30), Optional.empty());
        assertTrue(matches("(&(operation=CLEANUP)(urgency=HIGH))", m));
        assertFalse(matches("(urgency=LOW)", m));
        HealthCheck check = new HealthCheck(HealthCheckType.PERIODIC, true, Optional.empty());
        assertTrue(matches("(nodeHealthy=true)", check));
        assertFalse(matches("(nodeHealthy=false)", check));
    }

    @Test
    void optionalFieldsMatchWhenPresentAndNeverWhenAbsent() {
        DataMaintenance with = new DataMaintenance(Operation.CLEANUP, Urgency.LOW, MaintenanceReason.PERIODIC,
                Optional.of(30), Optional.empty());
        assertTrue(matches("(targetAgeDays>=7)", with));
        assertTrue(matches("(targetAgeDays=*)", with));
        assertFalse(matches("(timeoutSeconds=*)", with));
        assertFalse(matches("(timeoutSeconds>=0)", with));
        assertTrue(matches("(!(timeoutSeconds=*))", with));
    }

    @Test
    void hashesCompareAsLowerCaseHexAndListsElementByElement() {
        byte[] bytes = new byte[32];
        bytes[31] = (byte) 0xab;
        NewBlock block = new NewBlock(Hash32.of(bytes), 1);
        assertTrue(matches("(blockHash=" + "00".repeat(31) + "ab)", block));
        assertTrue(matches("(blockHash=*ab)", block));
        NodeStartupCompleted started = new NodeStartupCompleted(10, List.of("janitor", "storage"));
        assertTrue(matches("(components=storage)", started));
        assertFalse(matches("(components=wallet)", started));
    }

    @Test
    void aFilterOverSeveralTypesNeedsItsFieldInOneOfThem() {
        PayloadFilter f = PayloadFilter.parse("(height>=10)", Set.of(EventType.NEW_BLOCK, EventType.NEW_TRANSACTION));
        assertTrue(f.matches(new NewBlock(Hash32.of(new byte[32]), 11)));
        assertFalse(f.matches(new org.nodebus.api.event.NewTransaction(Hash32.of(new byte[32]))));
    }

    @Test
    void aSyntaxErrorIsRefusedWithTheFilterAndAnExample() {
        String message = refusal("(&(messageType=inv)(messageSize>=1000)", EventType.MESSAGE_RECEIVED);
        assertTrue(message.contains("(&(messageType=inv)(messageSize>=1000)") && message.contains("no LDAP filter")
                && message.contains("such as"), message);
        assertTrue(refusal("messageType=inv", EventType.MESSAGE_RECEIVED).contains("no LDAP filter"));
    }

    @Test
    void aFieldNoneOfTheTypesHasIsRefusedWithTheirFields() {
        String message = refusal("(messagetype=inv)", EventType.MESSAGE_RECEIVED);
        assertTrue(message.contains("'messagetype'") && message.contains("MessageReceived: peerAddr, messageType, "
                + "messageSize, protocolVersion"), message);
    }

    @Test
    void aValueOfTheWrongKindIsRefused() {
        assertTrue(refusal("(messageSize>=big)", EventType.MESSAGE_RECEIVED).contains("MessageReceived.messageSize"));
        assertTrue(refusal("(messageSize=1*)", EventType.MESSAGE_RECEIVED).contains("is a number"));
        String enumCase = refusal("(urgency=high)", EventType.DATA_MAINTENANCE);
        assertTrue(enumCase.contains("LOW") && enumCase.contains("HIGH") && enumCase.contains("'high'"), enumCase);
        assertTrue(refusal("(nodeHealthy=yes)", EventType.HEALTH_CHECK).contains("true or false"));
        assertTrue(refusal("(blockHash=ABC)", EventType.NEW_BLOCK).contains("64 lower-case hex digits"));
    }

    @Test
    void escapedCharactersAreValuesNotPatterns() {
        MessageReceived star = new MessageReceived("p", "a*b", 1, 1);
        assertTrue(matches("(messageType=a\\*b)", star));
        assertFalse(matches("(messageType=a\\*b)", new MessageReceived("p", "axb", 1, 1)));
        assertEquals("(messageType=a\\*b)", PayloadFilter.parse(" (messageType=a\\*b) ",
                Set.of(EventType.MESSAGE_RECEIVED)).text());
    }
}
