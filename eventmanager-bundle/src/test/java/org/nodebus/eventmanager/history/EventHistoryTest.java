package org.nodebus.eventmanager.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nodebus.api.Event;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.NewBlock;

class EventHistoryTest {

    static Event block(long seq) {
        return new Event(seq, Instant.ofEpochMilli(seq), "org.example.chain", new NewBlock(Hash32.of(new byte[32]), seq), false, 0);
    }

    static Event loaded(long seq, String id) {
        return new Event(seq, Instant.ofEpochMilli(seq), Event.NODE_PUBLISHER, new ModuleLoaded(id, "1.0.0"), false, 0);
    }

    @Test
    void itKeepsTheNewestUpToItsCapacityOldestFirst() {
        EventHistory history = new EventHistory(3);
        for (long i = 1; i <= 5; i++) {
            history.record(block(i));
        }
        assertEquals(List.of(3L, 4L, 5L), history.newest(10, e -> true).stream().map(Event::sequence).toList());
        assertEquals(List.of(4L, 5L), history.newest(2, e -> true).stream().map(Event::sequence).toList());
        EventHistory smaller = history.resized(2);
        assertEquals(List.of(4L, 5L), smaller.newest(10, e -> true).stream().map(Event::sequence).toList());
        EventHistory larger = smaller.resized(4);
        larger.record(block(6));
        assertEquals(List.of(4L, 5L, 6L), larger.newest(10, e -> true).stream().map(Event::sequence).toList());
        assertThrows(IllegalArgumentException.class, () -> new EventHistory(0));
    }

    @Test
    void theFilterTakesTypesCategoriesAndThePublisher() {
        EventHistory history = new EventHistory(10);
        history.record(block(1));
        history.record(loaded(2, "org.example.a"));
        history.record(block(3));
        assertEquals(List.of(2L), seqs(history.newest(10, EventFilter.of(List.of("MODULE"), ""))));
        assertEquals(List.of(1L, 3L), seqs(history.newest(10, EventFilter.of(List.of("new_block"), ""))));
        assertEquals(List.of(1L, 2L, 3L), seqs(history.newest(10, EventFilter.of(List.of("NewBlock", "module"), ""))));
        assertEquals(List.of(2L), seqs(history.newest(10, EventFilter.of(List.of(), "node"))));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> EventFilter.of(List.of("Blocks"), ""));
        assertTrue(bad.getMessage().startsWith("'Blocks' is neither an event type nor a category; categories are: CORE,"),
                bad.getMessage());
    }

    @Test
    void aFollowerGetsWhatCameAfterItsPositionAndStopsWhenInterrupted() throws Exception {
        EventHistory history = new EventHistory(10);
        history.record(block(1));
        long position = history.position();
        List<Event> got = new ArrayList<>();
        assertEquals(position, history.awaitAfter(position, 1, got), "nothing new: the position stays");
        assertEquals(List.of(), got);
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<List<Event>> follower = CompletableFuture.supplyAsync(() -> {
            List<Event> into = new ArrayList<>();
            waiting.countDown();
            try {
                history.awaitAfter(position, 20_000, into);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return into;
        });
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        history.record(block(2));
        assertEquals(List.of(2L), seqs(follower.get(10, TimeUnit.SECONDS)));

        EventHistory.Slice last = history.last(1, e -> true);
        assertEquals(List.of(2L), seqs(last.events()));
        history.record(block(3));
        List<Event> after = new ArrayList<>();
        history.awaitAfter(last.end(), 1, after);
        assertEquals(List.of(3L), seqs(after), "a follower that starts where the listing ended sees nothing twice");

        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> history.awaitAfter(history.position(), 20_000, new ArrayList<>()));
    }

    @Test
    void aReaderNeverSeesAnEventTwiceOrOutOfOrderWhileTheWriterOverwrites() throws Exception {
        EventHistory history = new EventHistory(8);
        Thread writer = new Thread(() -> {
            for (long i = 1; i <= 200_000; i++) {
                history.record(block(i));
            }
        });
        writer.start();
        long position = 0;
        long last = 0;
        while (writer.isAlive() || position < history.position()) {
            List<Event> got = new ArrayList<>();
            position = history.awaitAfter(position, 1, got);
            for (Event e : got) {
                assertTrue(e.sequence() > last, "after #" + last + " came #" + e.sequence());
                last = e.sequence();
            }
            List<Event> newest = history.newest(8, e -> true);
            for (int i = 1; i < newest.size(); i++) {
                assertTrue(newest.get(i).sequence() > newest.get(i - 1).sequence(), newest.toString());
            }
        }
        writer.join();
        assertEquals(200_000, last, "the follower ends with the last event");
    }

    @Test
    void aLineShowsSequenceTypePublisherAndShortFields() {
        String line = EventLine.of(block(7));
        assertTrue(line.matches("#7 \\d\\d:\\d\\d:\\d\\d\\.\\d{3} NewBlock from org\\.example\\.chain: blockHash=000000000000\\.\\.\\. height=7"),
                line);
        assertTrue(EventLine.of(loaded(8, "org.example.a.module.with.a.long.name")).endsWith(
                "ModuleLoaded from node: moduleId=org.example.a.module.with.a.long.name version=1.0.0"));
    }

    private static List<Long> seqs(List<Event> events) {
        return events.stream().map(Event::sequence).toList();
    }
}
