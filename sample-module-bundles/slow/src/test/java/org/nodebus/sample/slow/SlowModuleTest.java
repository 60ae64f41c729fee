package org.nodebus.sample.slow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nodebus.api.Event;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;

class SlowModuleTest {

    @Test
    void everyEventTakesTheConfiguredTime() {
        List<Duration> pauses = new ArrayList<>();
        SlowModule module = new SlowModule(Duration.ofMillis(750), pauses::add);
        for (int i = 0; i < 3; i++) {
            module.onEvent(new Event(i, Instant.EPOCH, "node", new NewBlock(Hash32.of(new byte[32]), i), false, i));
        }
        assertEquals(List.of(Duration.ofMillis(750), Duration.ofMillis(750), Duration.ofMillis(750)), pauses);
        assertEquals(3, module.handled());
    }
}
