package org.nodebus.benchmarks.candidates;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.Subscribe;

/** Guava's AsyncEventBus on a pool of one thread per processor. */
public final class GuavaCandidate implements Candidate {
    private final ExecutorService executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    private final AsyncEventBus bus = new AsyncEventBus(executor);
    private final LongAdder delivered = new LongAdder();
    private final Long event = 1L;

    /** One subscriber; Guava calls it one event at a time unless marked concurrent. */
    public final class Counter {
        @Subscribe
        public void on(Long e) {
            delivered.increment();
        }
    }

    public GuavaCandidate(int subscribers) {
        for (int s = 0; s < subscribers; s++) {
            bus.register(new Counter());
        }
    }

    @Override
    public void publish(long i) {
        bus.post(event);
    }

    @Override
    public long delivered() {
        return delivered.sum();
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
