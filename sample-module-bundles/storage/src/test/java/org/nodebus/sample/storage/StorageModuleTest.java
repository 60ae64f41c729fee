package org.nodebus.sample.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodebus.api.Event;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.DiskSpaceLow;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NodeShutdown;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.ShutdownReason;
import org.nodebus.api.event.Urgency;

class StorageModuleTest {
    @TempDir
    Path dir;

    private static Event event(EventPayload payload) {
        return new Event(1, Instant.EPOCH, "node", payload, false, 0);
    }

    private static NewBlock block(long height) {
        return new NewBlock(Hash32.of(new byte[32]), height);
    }

    @Test
    void blocksAreBufferedAndWrittenEveryTenOrOnShutdown() throws Exception {
        BlockStore store = new BlockStore(dir, Clock.systemUTC());
        StorageModule module = new StorageModule(store);
        for (int h = 0; h < 13; h++) {
            module.onEvent(event(block(h)));
        }
        assertEquals(10, store.files());
        assertEquals(3, store.pending());
        module.onEvent(event(new NodeShutdown(ShutdownReason.GRACEFUL, 5)));
        assertEquals(13, store.files());
        module.onEvent(event(block(13)));
        module.onEvent(event(new DiskSpaceLow(1, 100, 1, dir.toString())));
        assertEquals(14, store.files());
    }

    @Test
    void aFlushWritesAndACleanupDeletesByAge() throws Exception {
        MovingClock clock = new MovingClock();
        BlockStore store = new BlockStore(dir, clock);
        StorageModule module = new StorageModule(store);
        module.onEvent(event(block(1)));
        module.onEvent(event(new DataMaintenance(Operation.FLUSH, Urgency.HIGH, MaintenanceReason.SHUTDOWN,
                Optional.empty(), Optional.of(5L))));
        assertEquals(1, store.files());
        clock.now = clock.now.plus(Duration.ofDays(10));
        module.onEvent(event(block(2)));
        module.onEvent(event(new DataMaintenance(Operation.BOTH, Urgency.LOW, MaintenanceReason.PERIODIC,
                Optional.of(7), Optional.empty())));
        assertEquals(1, store.files(), "the 10-day-old block is gone, the new one written");
        clock.now = clock.now.plus(Duration.ofDays(40));
        module.onEvent(event(new DataMaintenance(Operation.CLEANUP, Urgency.LOW, MaintenanceReason.PERIODIC,
                Optional.empty(), Optional.empty())));
        assertEquals(0, store.files(), "default age 30 days");
    }

    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
