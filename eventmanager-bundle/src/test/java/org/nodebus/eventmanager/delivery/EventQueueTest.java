package org.nodebus.eventmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;

class EventQueueTest {
    private static final NewBlock BLOCK = new NewBlock(Hash32.of(new byte[32]), 1);

    private static Published event(long sequence) {
        return new Published(sequence, java.time.Instant.EPOCH, "test", BLOCK, null, null);
    }

    @Test
    void keepsOrderAcrossChunksAndIsEmptyOnceTaken() {
        EventQueue queue = new EventQueue();
        assertTrue(queue.isEmpty());
        assertNull(queue.poll());
        int count = EventQueue.CHUNK * 3 + 5;
        for (long i = 1; i <= count; i++) {
            queue.add(event(i));
        }
        assertFalse(queue.isEmpty());
        assertEquals(count, queue.added());
        assertEquals(0, queue.taken());
        for (long i = 1; i <= count; i++) {
            assertEquals(i, queue.poll().sequence());
        }
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
        assertEquals(count, queue.taken(), "an empty poll takes nothing");
    }

    @Test
    void seesTheFirstEventOfANewChunkAfterTheOldOneRanDry() {
        EventQueue queue = new EventQueue();
        for (long i = 1; i <= EventQueue.CHUNK; i++) {
            queue.add(event(i));
        }
        for (long i = 1; i <= EventQueue.CHUNK; i++) {
            queue.poll();
        }
        assertTrue(queue.isEmpty());
        assertNull(queue.poll());
        queue.add(event(EventQueue.CHUNK + 1));
        assertFalse(queue.isEmpty());
        assertEquals(EventQueue.CHUNK + 1, queue.poll().sequence());
        assertTrue(queue.isEmpty());
    }

    @Test
    void twoTakersRacingOneProducerGetEveryEventOnceAndInOrder() throws Exception {
        EventQueue queue = new EventQueue();
        int count = 2_000_000;
        AtomicBoolean producerDone = new AtomicBoolean();
        List<List<Long>> seen = List.of(new ArrayList<>(), new ArrayList<>());
        CountDownLatch takersDone = new CountDownLatch(2);
        for (List<Long> mine : seen) {
            Thread taker = new Thread(() -> {
                while (true) {
                    boolean last = producerDone.get();
                    Published event = queue.poll();
                    if (event != null) {
                        mine.add(event.sequence());
                    } else if (last) {
                        break;
                    }
                }
                takersDone.countDown();
            });
            taker.setDaemon(true);
            taker.start();
        }
        for (long i = 1; i <= count; i++) {
            queue.add(event(i));
        }
        producerDone.set(true);
        assertTrue(takersDone.await(60, TimeUnit.SECONDS), "takers did not finish");

        BitSet all = new BitSet(count + 1);
        for (List<Long> mine : seen) {
            long previous = 0;
            for (long sequence : mine) {
                assertTrue(sequence > previous, "a taker saw " + sequence + " after " + previous);
                assertFalse(all.get((int) sequence), "event " + sequence + " was taken twice");
                all.set((int) sequence);
                previous = sequence;
            }
        }
        assertEquals(count, all.cardinality(), "events taken");
        assertEquals(count, queue.taken());
        assertTrue(queue.isEmpty());
    }
}
