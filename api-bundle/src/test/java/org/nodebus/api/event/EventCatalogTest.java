package org.nodebus.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCatalogTest {

    @Test
    void theCatalogHasTheTwentyEightTypesOfTheDesign() {
        assertEquals(28, EventType.values().length);
        Map<EventCategory, Long> perCategory = Arrays.stream(EventType.values())
                .collect(Collectors.groupingBy(EventType::category, Collectors.counting()));
        assertEquals(Map.of(EventCategory.CORE, 4L, EventCategory.GOVERNANCE, 4L, EventCategory.NETWORK, 6L,
                EventCategory.MODULE, 5L, EventCategory.NODE, 3L, EventCategory.MAINTENANCE, 4L,
                EventCategory.RESOURCE, 2L), perCategory);
    }

    @Test
    void everyTypeHasItsOwnPayloadRecord() {
        Map<Class<?>, Long> typesPerPayload = Arrays.stream(EventType.values())
                .collect(Collectors.groupingBy(EventType::payloadType, Collectors.counting()));
        typesPerPayload.forEach((payload, count) -> assertEquals(1L, count, payload + " is shared by several types"));
        for (EventType type : EventType.values()) {
            assertTrue(type.payloadType().isRecord(), type + " payload is not a record");
        }
    }

    @Test
    void everyPayloadRecordMapsToExactlyOneType() {
        Set<Class<?>> permitted = Set.of(EventPayload.class.getPermittedSubclasses());
        Set<Class<?>> mapped = Arrays.stream(EventType.values()).map(EventType::payloadType).collect(Collectors.toSet());
        assertEquals(permitted, mapped, "the sealed EventPayload and the EventType catalog differ");
        for (Class<?> payload : permitted) {
            @SuppressWarnings("unchecked")
            EventType type = EventType.of((Class<? extends EventPayload>) payload);
            assertSame(payload, type.payloadType());
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aPayloadInstanceReportsItsOwnType(EventType type) {
        EventPayload payload = PayloadFixtures.valid(type);
        assertSame(type, payload.type());
        assertEquals(type.payloadType().getSimpleName(), type.eventName());
    }

    @Test
    void exactlyTheRuntimeCategoriesAreReserved() {
        Set<EventCategory> reserved = Arrays.stream(EventCategory.values()).filter(EventCategory::isReserved)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventCategory.class)));
        assertEquals(EnumSet.of(EventCategory.MODULE, EventCategory.NODE, EventCategory.MAINTENANCE,
                EventCategory.RESOURCE), reserved);
        assertTrue(EventType.NODE_SHUTDOWN.isReserved());
        assertFalse(EventType.NEW_BLOCK.isReserved());
    }

    @Test
    void onlyShutdownHighUrgencyMaintenanceAndLowDiskAreCritical() {
        Set<EventType> critical = Arrays.stream(EventType.values()).map(PayloadFixtures::valid)
                .filter(EventPayload::isCritical).map(EventPayload::type).collect(Collectors.toSet());
        // the fixture's DataMaintenance has urgency MEDIUM; the urgencies are checked one by one below
        assertEquals(Set.of(EventType.NODE_SHUTDOWN, EventType.DISK_SPACE_LOW), critical);
        Function<Urgency, DataMaintenance> maintenance = urgency -> new DataMaintenance(Operation.FLUSH, urgency,
                MaintenanceReason.SHUTDOWN, java.util.Optional.empty(), java.util.Optional.of(30L));
        assertTrue(maintenance.apply(Urgency.HIGH).isCritical());
        assertFalse(maintenance.apply(Urgency.MEDIUM).isCritical());
        assertFalse(maintenance.apply(Urgency.LOW).isCritical());
    }

    @Test
    void ofRejectsAClassOutsideTheCatalog() {
        assertThrows(NullPointerException.class, () -> EventType.of(null));
    }
}
