package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.Test;
import org.nodebus.api.DurableInfo;
import org.nodebus.api.Event;
import org.nodebus.api.EventManager;
import org.nodebus.api.SubscriptionSpec;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.itests.modules.RecordingActivator;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/** Durable subscriptions in real Felix: a module stopped or updated gets what was published meanwhile. */
@ExamReactorStrategy(PerMethod.class)
public class DurableSubscriptionsIT extends NodeBusTest {
    private static long height = 1_000_000;
    /** The journal outlives a run (the data folder is target/nodebus-data): each run uses modules of its own. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private long publishBlocks(int n) {
        long first = height;
        for (int i = 0; i < n; i++) {
            publisher.publish(new NewBlock(Hash32.of(new byte[32]), height++));
        }
        return first;
    }

    private static List<Long> heights(List<Event> events) {
        return events.stream().map(e -> ((NewBlock) e.payload()).height()).toList();
    }

    private Bundle durableModule(String id) throws Exception {
        return TestModules.start(context, TestModules.recordingModule(id, "1.0.0", EventType.NEW_BLOCK)
                .set(RecordingActivator.DURABLE_HEADER, "indexer"));
    }

    private DurableInfo info(String moduleId) {
        return eventManager.getDurableSubscriptions().stream().filter(d -> d.moduleId().equals(moduleId))
                .findFirst().orElseThrow(() -> new AssertionError("no durable subscription of " + moduleId + " in "
                        + eventManager.getDurableSubscriptions()));
    }

    @Test
    public void aDurableModuleStoppedWhileEventsArePublishedGetsExactlyThoseInOrderWhenStartedAgain() throws Exception {
        Bundle module = durableModule("dur.stopped." + RUN);
        Await.until("subscribed durably", () -> info("dur.stopped." + RUN).active());
        long before = publishBlocks(5);
        List<Event> firstRun = TestModules.recorded(context, ("dur.stopped." + RUN));
        Await.until("5 live events", () -> firstRun.size() == 5, firstRun::size);
        assertTrue(firstRun.stream().noneMatch(Event::redelivered));

        module.stop();
        long missed = publishBlocks(40);
        Await.until("40 waiting in the journal", () -> info("dur.stopped." + RUN).lag() == 40, () -> info("dur.stopped." + RUN));
        assertFalse(info("dur.stopped." + RUN).active());

        module.start();
        List<Event> secondRun = TestModules.recorded(context, ("dur.stopped." + RUN));
        long live = publishBlocks(1);
        Await.until("41 events", () -> secondRun.size() == 41, secondRun::size);
        assertEquals(LongStream.range(missed, missed + 41).boxed().toList(), heights(secondRun));
        assertTrue("the 40 missed come redelivered", secondRun.subList(0, 40).stream().allMatch(Event::redelivered));
        assertFalse("then live ones", secondRun.get(40).redelivered());
        assertEquals(live, heights(secondRun).get(40).longValue());
        assertEquals(before, heights(firstRun).get(0).longValue());
        String table = new Shell(commandProcessor).run("nodebus:durable");
        assertTrue(table, table.contains("Journal ") && table.matches("(?s).*dur\\.stopped\\." + RUN + "\\s+indexer\\s+yes\\s+\\d+\\s+0\\s.*"));
        forget(module);
    }

    @Test
    public void anUpdatedDurableModuleResumesAfterItsPosition() throws Exception {
        Bundle module = durableModule("dur.updated." + RUN);
        Await.until("subscribed durably", () -> info("dur.updated." + RUN).active());
        publishBlocks(3);
        List<Event> firstRun = TestModules.recorded(context, ("dur.updated." + RUN));
        Await.until("3 live events", () -> firstRun.size() == 3, firstRun::size);
        module.stop();
        long missed = publishBlocks(25);
        module.update(TestModules.recordingModule(("dur.updated." + RUN), "1.0.1", EventType.NEW_BLOCK)
                .set(RecordingActivator.DURABLE_HEADER, "indexer").build());
        module.start();
        Await.until("the new version subscribed", () -> info("dur.updated." + RUN).active());
        List<Event> secondRun = TestModules.recorded(context, ("dur.updated." + RUN));
        Await.until("25 events", () -> secondRun.size() == 25, secondRun::size);
        assertEquals(LongStream.range(missed, missed + 25).boxed().toList(), heights(secondRun));
        assertTrue(secondRun.stream().allMatch(Event::redelivered));
        forget(module);
    }

    /** The data folder outlives the test: its subscriptions go, so the other tests' blocks are not journaled. */
    private void forget(Bundle module) {
        assertTrue(TestModules.manager(module).deleteDurable("indexer"));
    }

    @Test
    public void aModuleReplaysItsJournalAndDeletesItsSubscription() throws Exception {
        Bundle module = TestModules.startModule(context, ("dur.replay." + RUN));
        EventManager own = TestModules.manager(module);
        Recorder live = new Recorder();
        own.subscribeDurable("audit", SubscriptionSpec.of(EventType.NEW_BLOCK).withFilter("(height>=0)"), live);
        long first = publishBlocks(30);
        Await.until("30 delivered", () -> live.count() == 30, live::count);
        long from = live.events.get(10).sequence();
        List<Event> replayed = own.replay("audit", from);
        assertEquals(LongStream.range(first + 10, first + 30).boxed().toList(), heights(replayed));
        try {
            own.replay("nosuch", 0);
            throw new AssertionError("a replay of an unknown subscription was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains("no durable subscription 'nosuch'")
                    && refused.getMessage().contains("audit"));
        }
        try {
            own.subscribeDurable("bad name", SubscriptionSpec.of(EventType.NEW_BLOCK), e -> { });
            throw new AssertionError("a bad name was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains("'bad name' is no durable subscription name"));
        }
        assertTrue(own.deleteDurable("audit"));
        assertFalse(live.events.isEmpty());
        publishBlocks(1);
        assertTrue("deleted", eventManager.getDurableSubscriptions().stream().noneMatch(d -> d.moduleId().equals("dur.replay." + RUN)));
        assertFalse(own.deleteDurable("audit"));
    }
}
