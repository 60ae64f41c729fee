package org.nodebus.eventmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.DurableInfo;
import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.NewBlock;
import org.nodebus.eventmanager.config.CrashPolicy;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.nodebus.eventmanager.filter.PayloadFilter;
import org.nodebus.eventmanager.journal.Journal;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;

/** Durable subscriptions on the delivery core: never dropped, resumed after a stop and after a restart. */
class DurableDeliveryTest {
    private static final Set<EventType> BLOCKS = Set.of(EventType.NEW_BLOCK);
    private static final Journal.Retention KEEP_ALL = new Journal.Retention(1L << 40, 1L << 40);

    @TempDir
    Path dir;
    private final Cores cores = new Cores();

    @AfterEach
    void close() {
        cores.close();
    }

    private DeliveryCore core(Journal.Retention retention) throws Exception {
        return core(retention, 5);
    }

    private DeliveryCore core(Journal.Retention retention, int bufferSize) throws Exception {
        DeliveryCore core = cores.keep(new DeliveryCore(new DeliverySettings(bufferSize, Map.of(), 3, Duration.ofSeconds(30),
                CrashPolicy.STOP, false, Set.of(), 2, 8, Duration.ofMillis(20), 0)));
        core.setJournal(Journal.open(dir, retention, 1 << 16));
        return core;
    }

    private static Interest blocks(String filter) {
        return new Interest(BLOCKS, Optional.ofNullable(filter).map(f -> PayloadFilter.parse(f, BLOCKS)), 0);
    }

    private static List<Long> heights(List<Event> events) {
        return events.stream().map(e -> ((NewBlock) e.payload()).height()).toList();
    }

    private static DurableInfo info(DeliveryCore core, String name) {
        return core.durables().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertBalanced(DeliveryStats s) {
        assertEquals(s.offered(), s.successful() + s.failed() + s.channelFull() + s.queued(), s.toString());
    }

    @Test
    void aDurableListenerIsNotLimitedByItsQueueAndLosesNothing() throws Exception {
        DeliveryCore core = core(KEEP_ALL);
        Recorder slow = new Recorder().hold();
        core.subscribeDurable("m", 1, "d", blocks(null), slow);
        assertEquals(List.of("m"), core.subscribers(EventType.NEW_BLOCK), "a durable subscriber is a subscriber");
        for (int i = 0; i < 5_000; i++) {
            core.publish("p", Cores.block(i)); // a queue of 5 would drop all but 6 of them
        }
        slow.awaitEntered();
        slow.open();
        Await.until("5000 delivered", () -> slow.count() == 5_000, slow::count);
        assertEquals(java.util.stream.LongStream.range(0, 5_000).boxed().toList(), heights(slow.events));
        assertTrue(slow.events.stream().noneMatch(e -> e.redelivered() || e.replay() || e.droppedBefore() != 0));
        DeliveryStats stats = Cores.stats(core, "m");
        assertEquals(0, stats.channelFull());
        assertEquals(5_000, stats.successful());
        assertBalanced(stats);
        Await.until("position at the last", () -> info(core, "d").position() == 5_000);
        assertEquals(0, info(core, "d").lag());
    }

    @Test
    void aStoppedDurableModuleGetsExactlyWhatWasPublishedMeanwhileThenLiveEvents() throws Exception {
        DeliveryCore core = core(KEEP_ALL);
        Recorder first = new Recorder();
        SubscriberEntry entry = core.subscribeDurable("m", 1, "d", blocks(null), first);
        for (int i = 0; i < 10; i++) {
            core.publish("p", Cores.block(i));
        }
        Await.until("10 delivered", () -> first.count() == 10);
        core.moduleGone("m", 1); // the module stops
        for (int i = 10; i < 60; i++) {
            core.publish("p", Cores.block(i));
        }
        Await.until("lag 50", () -> info(core, "d").lag() == 50, () -> info(core, "d"));
        assertFalse(info(core, "d").active());
        assertFalse(core.isSubscribed(entry));
        assertEquals(List.of(), core.subscribers(EventType.NEW_BLOCK));

        Recorder again = new Recorder();
        core.subscribeDurable("m", 2, "d", blocks(null), again);
        core.publish("p", Cores.block(60));
        Await.until("51 delivered", () -> again.count() == 51, again::count);
        assertEquals(java.util.stream.LongStream.range(10, 61).boxed().toList(), heights(again.events));
        assertTrue(again.events.subList(0, 50).stream().allMatch(Event::redelivered));
        assertFalse(again.events.get(50).redelivered());
        assertEquals(10, first.count(), "the stopped listener got nothing more");
    }

    @Test
    void anActiveNameIsRefusedAndALiveQueueIsNotDeliveredTwice() throws Exception {
        DeliveryCore core = core(KEEP_ALL, 1000);
        Recorder durable = new Recorder();
        Recorder plain = new Recorder();
        core.subscribeDurable("m", 1, "d", blocks(null), durable);
        core.subscribe("m", 1, BLOCKS, plain);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> core.subscribeDurable("m", 1, "d", blocks(null), new Recorder()));
        assertTrue(refused.getMessage().contains("'d' active already"), refused.getMessage());
        for (int i = 0; i < 100; i++) {
            core.publish("p", Cores.block(i));
        }
        Await.until("both got 100", () -> durable.count() == 100 && plain.count() == 100);
        assertEquals(heights(plain.events), heights(durable.events));
        Await.until("accounted", () -> Cores.stats(core, "m").successful() == 200, () -> Cores.stats(core, "m"));
        assertBalanced(Cores.stats(core, "m"));
    }

    @Test
    void numbersGoOnAfterARestartAndTheModuleResumesAfterItsPosition() throws Exception {
        DeliveryCore core = core(KEEP_ALL);
        Recorder r = new Recorder();
        core.subscribeDurable("m", 1, "d", blocks("(height>=0)"), r);
        for (int i = 0; i < 100; i++) {
            core.publish("p", Cores.block(i));
        }
        Await.until("100 delivered", () -> r.count() == 100);
        core.moduleGone("m", 1);
        long last = 0;
        for (int i = 100; i < 130; i++) {
            last = core.publish("p", Cores.block(i));
        }
        long lastPublished = last;
        Await.until("journaled", () -> core.journal().orElseThrow().committed() == lastPublished);
        core.close();

        DeliveryCore restarted = core(KEEP_ALL);
        assertEquals(1, restarted.durables().size());
        assertEquals(30, info(restarted, "d").lag());
        Recorder resumed = new Recorder();
        restarted.subscribeDurable("m", 1, "d", blocks("(height>=0)"), resumed);
        long live = restarted.publish("p", Cores.block(130));
        assertTrue(live > lastPublished, "numbers go on: " + live + " after " + lastPublished);
        Await.until("31 delivered", () -> resumed.count() == 31, resumed::count);
        assertEquals(java.util.stream.LongStream.range(100, 131).boxed().toList(), heights(resumed.events));
        assertEquals(live, resumed.events.get(30).sequence());
    }

    @Test
    void aFilteredDurableListenerGetsOnlyMatchingEvents() throws Exception {
        DeliveryCore core = core(KEEP_ALL);
        Recorder r = new Recorder();
        core.subscribeDurable("m", 1, "d", blocks("(height>=95)"), r);
        for (int i = 0; i < 100; i++) {
            core.publish("p", Cores.block(i));
        }
        Await.until("5 delivered", () -> r.count() == 5);
        assertEquals(List.of(95L, 96L, 97L, 98L, 99L), heights(r.events));
        Await.until("no lag", () -> info(core, "d").lag() == 0, () -> info(core, "d"));
    }

    @Test
    void eventsThatFellOffTheRetentionAreToldAsLost() throws Exception {
        DeliveryCore core = core(new Journal.Retention(60_000, 1L << 40));
        Recorder r = new Recorder();
        core.subscribeDurable("m", 1, "d", blocks(null), r);
        core.moduleGone("m", 1);
        Journal journal = core.journal().orElseThrow();
        for (int i = 0; i < 5_000; i++) {
            long seq = core.publish("p", Cores.block(i));
            if (i % 250 == 249) {
                Await.until("committed", () -> journal.committed() == seq);
            }
        }
        Await.until("trimmed", () -> journal.retainedBytes() <= 60_000, journal::retainedBytes);
        Recorder late = new Recorder();
        core.subscribeDurable("m", 1, "d", blocks(null), late);
        Await.until("caught up", () -> {
            List<Event> got = List.copyOf(late.events);
            return !got.isEmpty() && heights(got).get(got.size() - 1) == 4_999;
        }, late::count);
        long lost = late.events.get(0).droppedBefore();
        assertTrue(lost > 0, "the first event tells the loss");
        assertEquals(5_000, lost + late.count(), "every event was delivered or counted as lost");
        assertEquals(lost, info(core, "d").lost());
        assertEquals(5_000 - late.count(), heights(late.events).get(0), "it resumes at the oldest kept event");
    }

    @Test
    void aCrashLeavesThePositionBeforeTheEventSoItComesAgain() throws Exception {
        DeliveryCore core = core(KEEP_ALL);
        Recorder crashing = new Recorder() {
            @Override
            public void onEvent(Event event) {
                super.onEvent(event);
                if (((NewBlock) event.payload()).height() == 3) {
                    throw new AssertionError("boom");
                }
            }
        };
        core.subscribeDurable("m", 1, "d", blocks(null), crashing);
        for (int i = 0; i < 5; i++) {
            core.publish("p", Cores.block(i));
        }
        Await.until("crashed", () -> !info(core, "d").active());
        assertEquals(List.of(0L, 1L, 2L, 3L), heights(crashing.events));
        Recorder after = new Recorder();
        core.subscribeDurable("m", 1, "d", blocks(null), after);
        Await.until("2 delivered", () -> after.count() == 2, after::count);
        assertEquals(List.of(3L, 4L), heights(after.events), "the event in progress comes twice, at most");
    }
}
