package org.nodebus.eventmanager.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.nodebus.api.Event;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.eventmanager.history.EventFilter;
import org.nodebus.eventmanager.history.EventHistory;
import org.nodebus.testing.Await;

class EventsFollowTest {

    private static Event block(long seq) {
        return new Event(seq, Instant.ofEpochMilli(seq), "org.example.chain", new NewBlock(Hash32.of(new byte[32]), seq),
                false, 0);
    }

    @Test
    void aFollowerGoesOnWithTheNewHistoryAfterAResizeAndEndsWhenTheHistoryIsTurnedOff() throws Exception {
        EventHistory first = new EventHistory(100);
        first.record(block(1));
        AtomicReference<Optional<EventHistory>> current = new AtomicReference<>(Optional.of(first));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            long from = first.position();
            Future<?> follow = runner.submit(() -> EventsCommand.follow(current::get, first,
                    EventFilter.of(List.of("NewBlock"), ""), from, out, () -> { },
                    new ByteArrayInputStream(new byte[0])));
            first.record(block(2));
            Await.until("the follower printed block 2", () -> text(bytes).contains("height=2"),
                    () -> text(bytes) + state(follow));
            EventHistory second = first.resized(10);
            current.set(Optional.of(second));
            // block 3 comes in before the follower notices the new history (it waits up to 500 ms in the old)
            second.record(block(3));
            Await.until("the follower moved on", () -> text(bytes).contains("height=3"), () -> text(bytes));
            second.record(block(4));
            Await.until("and goes on in the new history", () -> text(bytes).contains("height=4"), () -> text(bytes));
            assertTrue(text(bytes).indexOf("height=2") == text(bytes).lastIndexOf("height=2"), "block 2 shown twice:\n"
                    + text(bytes));
            current.set(Optional.empty());
            follow.get(10, TimeUnit.SECONDS);
            assertTrue(text(bytes).contains("the event history was turned off"), text(bytes));
        } finally {
            runner.shutdownNow();
        }
    }

    private static String state(Future<?> follow) {
        if (!follow.isDone()) {
            return "(running)";
        }
        try {
            follow.get();
            return "(ended)";
        } catch (Exception e) {
            return "(failed: " + e.getCause() + ")";
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
