package org.nodebus.eventmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.testing.Await;

class ModuleHealthStateTest {
    private final HealthOutbox outbox = new HealthOutbox();
    private final List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ModuleHealthState state = new ModuleHealthState("m", () -> 1, this, outbox, () -> 3);

    ModuleHealthStateTest() {
        outbox.setListener(new Transitions(told));
    }

    @Test
    void healthIsDerivedFromWhatHappenedInPriorityOrder() {
        state.failed();
        state.failed();
        assertEquals(ModuleHealth.HEALTHY, state.health());
        assertTrue(state.failed());
        assertEquals(ModuleHealth.DEGRADED, state.health());
        assertTrue(state.callHung());
        assertEquals(ModuleHealth.UNRESPONSIVE, state.health(), "a hang outranks failures");
        assertTrue(state.crashed());
        assertTrue(state.revived());
        assertEquals(ModuleHealth.UNRESPONSIVE, state.health(), "revived, but its call is still hung");
        assertTrue(state.callReturned());
        assertEquals(ModuleHealth.HEALTHY, state.health(), "revival forgot the failures");
        assertFalse(state.succeeded(), "nothing to heal");
        outbox.flush();
        Await.until("told on the outbox's thread", () -> told.size() == 5, told::toString);
        assertEquals(List.of("m:HEALTHY->DEGRADED", "m:DEGRADED->UNRESPONSIVE", "m:UNRESPONSIVE->CRASHED",
                "m:CRASHED->UNRESPONSIVE", "m:UNRESPONSIVE->HEALTHY"), told);
    }

    @Test
    void aReturnToldBeforeItsHangLeavesTheModuleHealthy() {
        // the watchdog flags a call as hung, the call returns and tells it before the watchdog counts the hang
        assertFalse(state.callReturned());
        assertFalse(state.callHung());
        assertEquals(ModuleHealth.HEALTHY, state.health());
        assertTrue(state.callHung());
        assertEquals(ModuleHealth.UNRESPONSIVE, state.health(), "a later hang still counts");
    }

    @AfterEach
    void close() {
        outbox.close();
    }

    @Test
    void aSuccessHealsEvenAfterMoreThanTwoBillionFailuresInARow() throws Exception {
        state.failed();
        Field count = ModuleHealthState.class.getDeclaredField("consecutiveFailures");
        count.setAccessible(true);
        count.setLong(state, Integer.MAX_VALUE); // as if the module had failed that often in a row
        state.failed();
        state.failed();
        assertEquals(ModuleHealth.DEGRADED, state.health());
        assertEquals(Integer.MAX_VALUE + 2L, state.consecutiveFailures());
        assertTrue(state.succeeded());
        assertEquals(ModuleHealth.HEALTHY, state.health());
    }
}
