package org.nodebus.eventmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.ModuleHealth;

class ModuleHealthStateTest {
    private final HealthOutbox outbox = new HealthOutbox();
    private final List<String> told = new ArrayList<>();
    private final ModuleHealthState state = new ModuleHealthState("m", outbox, () -> 3);

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
        assertEquals(List.of("m:HEALTHY->DEGRADED", "m:DEGRADED->UNRESPONSIVE", "m:UNRESPONSIVE->CRASHED",
                "m:CRASHED->UNRESPONSIVE", "m:UNRESPONSIVE->HEALTHY"), told);
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
