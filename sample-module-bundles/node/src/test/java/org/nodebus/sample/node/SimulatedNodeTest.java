package org.nodebus.sample.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.nodebus.api.DeliveryReport;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.NewBlock;

class SimulatedNodeTest {
    private final List<EventPayload> published = new CopyOnWriteArrayList<>();
    private final EventPublisher publisher = new EventPublisher() {
        @Override
        public void publish(EventPayload payload) {
            published.add(payload);
        }

        @Override
        public DeliveryReport publishAndAwait(EventPayload payload, Duration timeout) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aBadRateIsRefusedAndANewRateGoesOnFromTheChainsHeight() {
        SimulatedNode node = new SimulatedNode(publisher, Map.of("blocks.per.second", "fast", "peers", -3));
        try {
            assertEquals(0.5, SimulatedNode.SCHEMA.defaults().typed().blocks_per_second());
            node.modified(Map.of("blocks.per.second", "200"));
            await(() -> height() >= 5);
            long before = height();
            node.modified(Map.of("blocks.per.second", "-3"));
            node.modified(Map.of("blocks.per.second", 100.0));
            await(() -> height() >= before + 3);
            List<Long> heights = published.stream().filter(NewBlock.class::isInstance).map(e -> ((NewBlock) e).height())
                    .toList();
            for (int i = 1; i < heights.size(); i++) {
                assertEquals(heights.get(i - 1) + 1, heights.get(i), "the chain restarted: " + heights);
            }
        } finally {
            node.deactivate();
        }
    }

    private long height() {
        return published.stream().filter(NewBlock.class::isInstance).mapToLong(e -> ((NewBlock) e).height()).max()
                .orElse(-1);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            LockSupport.parkNanos(1_000_000);
        }
    }
}
