package org.nodebus.eventmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.NewBlock;
import org.nodebus.eventmanager.config.CrashPolicy;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.nodebus.eventmanager.filter.PayloadFilter;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;

/** Filters keep events out of a module's queue; a history is handed over to a new listener without gap or duplicate. */
class FilterAndHistoryTest {
    private static final Set<EventType> BLOCKS = Set.of(EventType.NEW_BLOCK);
    private final Cores cores = new Cores();

    @AfterEach
    void close() {
        cores.close();
    }

    private static DeliveryCore core(Cores cores, int bufferSize, int historyLimit) {
        return cores.keep(new DeliveryCore(new DeliverySettings(bufferSize, Map.of(), 3, Duration.ofSeconds(30),
                CrashPolicy.STOP, false, Set.of(), 2, 8, Duration.ofMillis(20), historyLimit)));
    }

    private static Interest filtered(String filter, int history) {
        return new Interest(BLOCKS, Optional.ofNullable(filter).map(f -> PayloadFilter.parse(f, BLOCKS)), history);
    }

    private static long height(Event e) {
        return ((NewBlock) e.payload()).height();
    }

    private static void assertBalanced(DeliveryStats s) {
        assertEquals(s.offered(), s.successful() + s.failed() + s.channelFull() + s.queued(), s.toString());
    }

    @Test
    void aFilteredOutEventTakesNoQueueSlotIsNotOfferedAndIsCountedAsFiltered() throws Exception {
        DeliveryCore core = core(cores, 5, 0);
        Recorder held = new Recorder().hold();
        core.subscribe("f", 1, filtered("(height>=100)", 0), held);
        core.publish("p", Cores.block(100));
        held.awaitEntered();
        for (int i = 0; i < 50; i++) {
            core.publish("p", Cores.block(i)); // a queue of 5 would overflow, were they queued
        }
        for (int i = 101; i <= 105; i++) {
            core.publish("p", Cores.block(i));
        }
        DeliveryStats s = Cores.stats(core, "f");
        assertEquals(new DeliveryStats(0, 0, 0, 6, 50), s, "1 in the listener, 5 queued, none dropped");
        assertEquals(6, s.offered());
        held.open();
        Await.until("6 handled", () -> Cores.stats(core, "f").successful() == 6, () -> Cores.stats(core, "f"));
        assertEquals(List.of(100L, 101L, 102L, 103L, 104L, 105L), held.events.stream().map(FilterAndHistoryTest::height).toList());
        assertTrue(held.events.stream().allMatch(e -> e.droppedBefore() == 0 && !e.replay()));
        assertBalanced(Cores.stats(core, "f"));
    }

    @Test
    void aModuleWithAPlainAndAFilteredListenerGivesEachWhatItAsked() {
        DeliveryCore core = core(cores, 1000, 0);
        Recorder all = new Recorder();
        Recorder even = new Recorder();
        core.subscribe("m", 1, Interest.of(BLOCKS), all);
        core.subscribe("m", 1, filtered("(|(height=0)(height=2)(height=4))", 0), even);
        Recorder other = new Recorder();
        core.subscribe("other", 2, filtered("(height=3)", 0), other);
        for (int i = 0; i < 5; i++) {
            core.publish("p", Cores.block(i));
        }
        Await.until("all delivered", () -> all.count() == 5 && even.count() == 3 && other.count() == 1);
        assertEquals(List.of(0L, 2L, 4L), even.events.stream().map(FilterAndHistoryTest::height).toList());
        assertEquals(new DeliveryStats(5, 0, 0, 0, 0), Cores.stats(core, "m"), "its plain listener takes every event");
        assertEquals(new DeliveryStats(1, 0, 0, 0, 4), Cores.stats(core, "other"));
        assertEquals(List.of("m", "other"), core.subscribers(EventType.NEW_BLOCK));
    }

    @Test
    void anUpdatedFilterAppliesToTheNextEventAndAResetZeroesFiltered() {
        DeliveryCore core = core(cores, 1000, 0);
        Recorder r = new Recorder();
        SubscriberEntry entry = core.subscribe("f", 1, filtered("(height<=1)", 0), r);
        for (int i = 0; i < 4; i++) {
            core.publish("p", Cores.block(i));
        }
        // (an event queued under the old filter that the new one refuses counts as failed, as for a type change)
        Await.until("2 delivered", () -> r.count() == 2, r::count);
        core.update(entry, filtered("(height>=3)", 0));
        for (int i = 0; i < 4; i++) {
            core.publish("p", Cores.block(i));
        }
        Await.until("3 delivered", () -> Cores.stats(core, "f").successful() == 3, () -> Cores.stats(core, "f"));
        assertEquals(List.of(0L, 1L, 3L), r.events.stream().map(FilterAndHistoryTest::height).toList());
        assertEquals(5, Cores.stats(core, "f").filtered());
        core.resetStats("f");
        assertEquals(DeliveryStats.ZERO, Cores.stats(core, "f"));
        core.update(entry, Interest.of(BLOCKS));
        core.publish("p", Cores.block(0));
        Await.until("the filter is gone", () -> r.count() == 4);
        assertEquals(new DeliveryStats(1, 0, 0, 0, 0), Cores.stats(core, "f"));
    }

    @Test
    void aNewListenerGetsTheLatestMatchingEventsAsReplaysThenLiveOnes() {
        DeliveryCore core = core(cores, 1000, 100);
        for (int i = 0; i < 30; i++) {
            core.publish("p", Cores.block(i));
            core.publish("p", Cores.transaction());
        }
        Recorder r = new Recorder();
        core.subscribe("late", 1, filtered("(height>=10)", 5), r);
        core.publish("p", Cores.block(30));
        core.publish("p", Cores.block(5)); // filtered out
        Await.until("6 delivered", () -> Cores.stats(core, "late").successful() == 6, () -> Cores.stats(core, "late"));
        assertEquals(List.of(25L, 26L, 27L, 28L, 29L, 30L), r.events.stream().map(FilterAndHistoryTest::height).toList());
        assertEquals(List.of(true, true, true, true, true, false), r.events.stream().map(Event::replay).toList());
        // a replay from the history keeps the original's number: block 25 was the 51st event published
        assertEquals(51, r.events.get(0).sequence());
        assertEquals(61, r.events.get(5).sequence());
        assertEquals(1, Cores.stats(core, "late").filtered(), "history is not counted as filtered");
    }

    @Test
    void theHistoryIsBoundedByItsLimitWhateverIsAskedAndFollowsReconfiguration() {
        DeliveryCore core = core(cores, 1000, 10);
        for (int i = 0; i < 50; i++) {
            core.publish("p", Cores.block(i));
        }
        Recorder r = new Recorder();
        core.subscribe("greedy", 1, filtered(null, 1_000_000), r);
        Await.until("10 delivered", () -> r.count() == 10, r::count);
        assertEquals(40, height(r.events.get(0)));
        core.apply(new DeliverySettings(1000, Map.of(), 3, Duration.ofSeconds(30), CrashPolicy.STOP, false, Set.of(), 2,
                8, Duration.ofMillis(20), 3));
        Recorder small = new Recorder();
        core.subscribe("small", 2, filtered(null, 100), small);
        Await.until("3 delivered", () -> small.count() == 3, small::count);
        assertEquals(List.of(47L, 48L, 49L), small.events.stream().map(FilterAndHistoryTest::height).toList());
        core.apply(new DeliverySettings(1000, Map.of(), 3, Duration.ofSeconds(30), CrashPolicy.STOP, false, Set.of(), 2,
                8, Duration.ofMillis(20), 0));
        Recorder none = new Recorder();
        core.subscribe("none", 3, filtered(null, 100), none);
        core.publish("p", Cores.block(50));
        Await.until("the live one", () -> none.count() == 1);
        assertFalse(none.events.get(0).replay(), "with the history off, only live events");
    }

    @Test
    void underConcurrentPublishingTheHistoryHandsOverWithNoGapAndNoDuplicate() throws Exception {
        DeliveryCore core = core(cores, 1_000_000, 100);
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicLong published = new AtomicLong();
        Thread publisher = new Thread(() -> {
            for (long h = 0; go.get(); h++) {
                core.publish("p", Cores.block(h));
                published.set(h + 1);
            }
        });
        publisher.start();
        List<Recorder> late = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            long before = published.get();
            Await.until("more published", () -> published.get() > before + 200);
            Recorder r = new Recorder();
            core.subscribe("late" + round, round + 1, filtered(null, 50), r);
            late.add(r);
        }
        long last = published.get();
        Await.until("live events after the last subscription", () -> published.get() > last + 200);
        go.set(false);
        publisher.join(10_000);
        long total = published.get();
        for (Recorder r : late) {
            Await.until("caught up", () -> !r.events.isEmpty() && height(r.events.get(r.count() - 1)) == total - 1,
                    r::count);
            List<Event> got = List.copyOf(r.events);
            assertTrue(got.size() > 50, "live events followed");
            for (int i = 0; i < got.size(); i++) {
                assertEquals(i < 50, got.get(i).replay(), "the first 50 are the replays, then live: at " + i);
                if (i > 0) {
                    assertEquals(height(got.get(i - 1)) + 1, height(got.get(i)), "no gap, no duplicate at " + i);
                    assertTrue(got.get(i).sequence() > got.get(i - 1).sequence());
                }
            }
        }
    }
}
