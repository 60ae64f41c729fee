package org.nodebus.sample.failing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.nodebus.api.Event;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;

class FailingModuleTest {
    private static final Event BLOCK = new Event(1, Instant.EPOCH, "node", new NewBlock(Hash32.of(new byte[32]), 1), false, 0);

    @Test
    void theFailurePlanFailsEveryNthAndCrashesOnce() {
        FailurePlan plan = new FailurePlan(3, 5);
        assertEquals(FailurePlan.Outcome.HANDLE, plan.forEvent(1));
        assertEquals(FailurePlan.Outcome.FAIL, plan.forEvent(3));
        assertEquals(FailurePlan.Outcome.CRASH, plan.forEvent(5));
        assertEquals(FailurePlan.Outcome.FAIL, plan.forEvent(6));
        assertEquals(FailurePlan.Outcome.HANDLE, new FailurePlan(0, 0).forEvent(3));
    }

    @Test
    void theModuleThrowsAsPlanned() {
        FailingModule module = new FailingModule(new FailurePlan(2, 3));
        module.onEvent(BLOCK);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> module.onEvent(BLOCK));
        assertEquals("failing module refuses event 2 on purpose (fail.every=2)", e.getMessage());
        assertThrows(AssertionError.class, () -> module.onEvent(BLOCK));
    }
}
