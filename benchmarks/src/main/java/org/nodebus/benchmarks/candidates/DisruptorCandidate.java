package org.nodebus.benchmarks.candidates;

import java.util.concurrent.atomic.LongAdder;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

/**
 * LMAX Disruptor 4.0.0: one ring of the given capacity, one handler (and thread) per subscriber, each of
 * which sees every event. The producer uses {@code tryPublishEvent}'s steps ({@code tryNext}, {@code publish}): when the ring is full (its slowest
 * handler a ring behind) the event is dropped for every handler, and counted so. Single producer for one
 * publishing thread, multi-producer for more.
 */
public final class DisruptorCandidate implements Candidate {
    /** A ring slot: the value the publisher put in it. */
    private static final class Slot {
        long value;
    }

    private static final class Handler implements EventHandler<Slot> {
        private final int index;
        private final LatencySink sink;
        private long count;
        volatile long delivered;

        Handler(int index, LatencySink sink) {
            this.index = index;
            this.sink = sink;
        }

        /** The handler: a counter increment per event (and, when measuring latency, its stamp recorded). */
        @Override
        public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
            if (sink != null) {
                sink.delivered(index, slot.value);
            }
            count++;
            if (endOfBatch) {
                delivered = count;
            }
        }
    }

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final Handler[] handlers;
    private final LongAdder dropped = new LongAdder();

    public DisruptorCandidate(int subscribers, int capacity, boolean blocking, int publishers, LatencySink sink) {
        WaitStrategy wait = blocking ? new BlockingWaitStrategy() : new SleepingWaitStrategy();
        disruptor = new Disruptor<>(Slot::new, Integer.highestOneBit(capacity), r -> {
            Thread t = new Thread(r, "disruptor-handler");
            t.setDaemon(true);
            return t;
        }, publishers > 1 ? ProducerType.MULTI : ProducerType.SINGLE, wait);
        handlers = new Handler[subscribers];
        for (int s = 0; s < subscribers; s++) {
            handlers[s] = new Handler(s, sink);
        }
        disruptor.handleEventsWith(handlers);
        ring = disruptor.start();
    }

    @Override
    public void publish(long i) {
        // what tryPublishEvent does, without boxing the value for a translator's argument
        long sequence;
        try {
            sequence = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            dropped.add(handlers.length);
            return;
        }
        ring.get(sequence).value = i;
        ring.publish(sequence);
    }

    @Override
    public long delivered() {
        long sum = 0;
        for (Handler handler : handlers) {
            sum += handler.delivered;
        }
        return sum;
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void close() {
        disruptor.halt();
    }
}
