package org.nodebus.janitor.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.nodebus.api.DeliveryReport;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.NodeShutdown;
import org.nodebus.api.event.NodeShutdownCompleted;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.ShutdownReason;
import org.nodebus.api.event.Urgency;
import org.nodebus.janitor.FakePublisher;

class ShutdownSequenceTest {

    @Test
    void shutdownThenFlushThenModulesStopThenCompleted() throws Exception {
        FakePublisher publisher = new FakePublisher().taking(400);
        List<String> steps = new CopyOnWriteArrayList<>();
        publisher.answering(p -> {
            steps.add(p.type().eventName());
            return FakePublisher.report(p, List.of("m1", "m2"), List.of());
        });
        List<DeliveryReport> reports = new ShutdownSequence(publisher, publisher.clock, () -> steps.add("stop modules"))
                .run(ShutdownReason.SIGNAL, Duration.ofSeconds(10));
        assertEquals(List.of("NodeShutdown", "DataMaintenance", "stop modules", "NodeShutdownCompleted"), steps);
        assertEquals(new NodeShutdown(ShutdownReason.SIGNAL, 10), publisher.published.get(0));
        DataMaintenance flush = (DataMaintenance) publisher.published.get(1);
        assertEquals(Operation.FLUSH, flush.operation());
        assertEquals(Urgency.HIGH, flush.urgency());
        assertEquals(MaintenanceReason.SHUTDOWN, flush.reason());
        assertEquals(Optional.of(9L), flush.timeoutSeconds(), "the flush gets what is left of the 10 s");
        assertEquals(List.of(Duration.ofMillis(7_500), Duration.ofMillis(9_600), ShutdownSequence.COMPLETED_GRACE),
                publisher.waits, "NodeShutdown waits up to three quarters of the timeout; the flush gets what is left");
        assertEquals(new NodeShutdownCompleted(800), publisher.published.get(2), "two waits of 400 ms");
        assertEquals(2, reports.size());
    }

    @Test
    void aHungModuleCostsAtMostTheTimeoutForBothWaits() throws Exception {
        FakePublisher publisher = new FakePublisher().taking(Long.MAX_VALUE)
                .answering(p -> FakePublisher.report(p, List.of("fast"), List.of("hung")));
        new ShutdownSequence(publisher, publisher.clock, () -> { }).run(ShutdownReason.GRACEFUL, Duration.ofSeconds(5));
        assertEquals(Duration.ofMillis(3_750), publisher.waits.get(0));
        assertEquals(Duration.ofMillis(1_250), publisher.waits.get(1),
                "a quarter of the timeout is kept for the others to flush, whatever the hung module does");
        NodeShutdownCompleted completed = publisher.of(NodeShutdownCompleted.class).get(0);
        assertEquals(5_000 + ShutdownSequence.COMPLETED_GRACE.toMillis(), publisher.clock.millis() - 1_000_000);
        assertEquals(5_000, completed.durationMs(), "the shutdown took the timeout and no more");
    }

    @Test
    void theEventsAreTheCriticalOnes() throws Exception {
        FakePublisher publisher = new FakePublisher();
        new ShutdownSequence(publisher, publisher.clock, () -> { }).run(ShutdownReason.RPC, Duration.ofSeconds(3));
        List<EventPayload> critical = publisher.published.stream().filter(EventPayload::isCritical).toList();
        assertEquals(2, critical.size(), "NodeShutdown and the HIGH flush are never dropped");
        assertTrue(critical.get(0) instanceof NodeShutdown);
    }
}
