package org.nodebus.benchmarks.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * One JCTools MpscArrayQueue and one consumer thread per subscriber; offer drops on full; the consumer
 * drains in batches, yields a few times when empty before it parks, and the producer wakes it only if it
 * is parked. (Parking at once on every empty poll makes the producer pay an unpark system call per event
 * as soon as there are more consumers than cores.)
 */
public final class MpscCandidate implements Candidate {
    private static final int IDLE_YIELDS = 64;
    private final List<Consumer> consumers = new ArrayList<>();
    private final LongAdder dropped = new LongAdder();
    private final Object event = new Object();

    private static final class Consumer implements Runnable, MessagePassingQueue.Consumer<Object> {
        final MpscArrayQueue<Object> queue;
        final Thread thread;
        volatile boolean parked;
        volatile boolean running = true;
        volatile long delivered;
        private long count;
        private final int index;
        private final LatencySink sink;

        /** The handler: a counter increment per event (and, when measuring latency, its stamp recorded). */
        @Override
        public void accept(Object event) {
            if (sink != null) {
                sink.delivered(index, (Long) event);
            }
            count++;
        }

        Consumer(int capacity, int index, LatencySink sink) {
            this.index = index;
            this.sink = sink;
            queue = new MpscArrayQueue<>(capacity);
            thread = new Thread(this, "mpsc-consumer-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                if (queue.drain(this, 4096) > 0) {
                    delivered = count;
                    continue;
                }
                for (int spin = 0; spin < IDLE_YIELDS && queue.isEmpty(); spin++) {
                    Thread.yield();
                }
                if (!queue.isEmpty()) {
                    continue;
                }
                parked = true;
                if (queue.isEmpty() && running) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }
    }

    private final boolean stamped;

    /** @param sink told of each delivery with the value it was published with, or {@code null} */
    public MpscCandidate(int subscribers, int capacity, LatencySink sink) {
        stamped = sink != null;
        for (int s = 0; s < subscribers; s++) {
            Consumer consumer = new Consumer(capacity, s, sink);
            consumers.add(consumer);
            consumer.thread.start();
        }
    }

    @Override
    public void publish(long i) {
        Object event = stamped ? Long.valueOf(i) : this.event;
        for (Consumer consumer : consumers) {
            if (!consumer.queue.offer(event)) {
                dropped.increment();
            } else if (consumer.parked) {
                LockSupport.unpark(consumer.thread);
            }
        }
    }

    @Override
    public long delivered() {
        long sum = 0;
        for (Consumer consumer : consumers) {
            sum += consumer.delivered;
        }
        return sum;
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void close() {
        for (Consumer consumer : consumers) {
            consumer.running = false;
            LockSupport.unpark(consumer.thread);
        }
    }
}
