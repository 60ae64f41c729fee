package org.nodebus.eventmanager.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodebus.api.Event;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NodeStartupCompleted;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.Urgency;
import org.nodebus.eventmanager.journal.EventCodec.Stored;
import org.nodebus.testing.Await;

class JournalTest {
    private static final Journal.Retention KEEP_ALL = new Journal.Retention(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2);

    @TempDir
    Path dir;

    private static Event block(long seq, long height) {
        return new Event(seq, Instant.ofEpochMilli(1_000 + seq), "p", new NewBlock(Hash32.of(new byte[32]), height),
                false, 0);
    }

    private static List<Stored> readAll(Journal journal) {
        List<Stored> all = new ArrayList<>();
        long position = 0;
        Optional<Journal.Batch> batch;
        while ((batch = journal.batchAfter(position)).isPresent()) {
            batch.get().events().stream().filter(s -> s.sequence() > 0).forEach(all::add);
            position = batch.get().lastSeq();
        }
        return all;
    }

    @Test
    void everyOfferedEventIsCommittedInOrderAndSurvivesAReopen() throws Exception {
        try (Journal journal = Journal.open(dir, KEEP_ALL, 1 << 16)) {
            journal.register(new Journal.Durable("m", "d", Set.of(EventType.NEW_BLOCK), Optional.empty()));
            assertTrue(journal.journals(EventType.NEW_BLOCK));
            assertFalse(journal.journals(EventType.NEW_TRANSACTION));
            for (long seq = 1; seq <= 20_000; seq++) {
                Event e = block(seq, seq * 10);
                Await.until("room in the ring", () -> journal.offer(() -> e, EventType.NEW_BLOCK));
                journal.markSequence(seq);
            }
            Await.until("all committed", () -> journal.committed() == 20_000, journal::committed);
            List<Stored> all = readAll(journal);
            assertEquals(20_000, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, all.get(i).sequence());
                assertEquals((i + 1) * 10L, ((NewBlock) all.get(i).payload()).height());
            }
            journal.positions("m", "d").write(1234, 1234);
        }
        try (Journal again = Journal.open(dir, KEEP_ALL, 1 << 16)) {
            assertEquals(20_000, again.committed());
            assertEquals(20_000, again.restoredSequence());
            assertEquals(20_000, readAll(again).size());
            assertEquals(List.of(new Journal.Durable("m", "d", Set.of(EventType.NEW_BLOCK), Optional.empty())),
                    again.durables());
            assertArrayEquals(new long[] {1234, 1234}, again.positions("m", "d").read());
            assertEquals(20_000, again.cumulative()[EventType.NEW_BLOCK.ordinal()]);
        }
    }

    @Test
    void theCodecKeepsEveryKindOfField() {
        List<Stored> events = List.of(
                new Stored(7, 99, "node", new DataMaintenance(Operation.CLEANUP, Urgency.HIGH, MaintenanceReason.MANUAL,
                        Optional.of(3), Optional.empty())),
                new Stored(8, 100, "m", new NodeStartupCompleted(12, List.of("a,b", "c"))));
        List<Stored> back = EventCodec.decode(EventCodec.encode(events), new long[1]);
        assertEquals(events, back);
    }

    @Test
    void theOldestBatchesGoBeyondTheRetentionAndTheirCountsAreKept() throws Exception {
        try (Journal journal = Journal.open(dir, new Journal.Retention(100_000, Long.MAX_VALUE / 2), 1 << 16)) {
            journal.register(new Journal.Durable("m", "d", Set.of(EventType.NEW_BLOCK), Optional.empty()));
            for (long seq = 1; seq <= 5_000; seq++) {
                Event e = block(seq, seq);
                Await.until("room", () -> journal.offer(() -> e, EventType.NEW_BLOCK));
                if (seq % 500 == 0) {
                    long last = seq;
                    Await.until("committed", () -> journal.committed() == last); // batches of 500
                }
            }
            Await.until("trimmed to 100 kB", () -> journal.retainedBytes() <= 100_000, journal::retainedBytes);
            assertTrue(journal.trimmedUpTo() > 0);
            long trimmed = journal.trimmedCumulative()[EventType.NEW_BLOCK.ordinal()];
            assertEquals(journal.trimmedUpTo(), trimmed, "every event up to trimmedUpTo was a block");
            assertEquals(5_000 - trimmed, journal.retainedEvents());
            assertEquals(journal.trimmedUpTo() + 1, readAll(journal).get(0).sequence());
        }
    }

    @Test
    void aFullRingCountsTheEventAsLostForItsType() {
        JournalRing ring = new JournalRing(4);
        for (long seq = 1; seq <= 6; seq++) {
            Event e = block(seq, seq);
            ring.offer(() -> e, EventType.NEW_BLOCK);
        }
        assertEquals(2, ring.lost()[EventType.NEW_BLOCK.ordinal()]);
        List<Event> taken = new ArrayList<>();
        assertEquals(4, ring.drain(taken, 100));
        assertEquals(List.of(1L, 2L, 3L, 4L), taken.stream().map(Event::sequence).toList());
    }

    @Test
    void aPositionRecordSurvivesATornWrite() throws Exception {
        MappedLongs longs = new MappedLongs(dir.resolve("p.pos"), 2);
        longs.write(10, 100);
        longs.write(11, 101);
        longs.close();
        // a kill in the middle of the next write: its slot holds a new position but not yet its check
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve("p.pos"),
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8).putLong(0, 12);
            ch.write(b, 0); // slot 0 (written first, then 11 went to slot 1)
        }
        assertArrayEquals(new long[] {11, 101}, new MappedLongs(dir.resolve("p.pos"), 2).read());
    }
}
