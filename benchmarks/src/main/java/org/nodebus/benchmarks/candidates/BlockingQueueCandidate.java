package org.nodebus.benchmarks.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/** One ArrayBlockingQueue and one consumer thread per subscriber; offer drops on full; take() wakes per event. */
public final class BlockingQueueCandidate implements Candidate {
    private final List<ArrayBlockingQueue<Object>> queues = new ArrayList<>();
    private final List<Thread> consumers = new ArrayList<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Object event = new Object();

    public BlockingQueueCandidate(int subscribers, int capacity) {
        for (int s = 0; s < subscribers; s++) {
            ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(capacity);
            queues.add(queue);
            Thread consumer = new Thread(() -> {
                try {
                    while (true) {
                        queue.take();
                        delivered.increment();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "abq-consumer-" + s);
            consumer.setDaemon(true);
            consumer.start();
            consumers.add(consumer);
        }
    }

    @Override
    public void publish(long i) {
        for (ArrayBlockingQueue<Object> queue : queues) {
            if (!queue.offer(event)) {
                dropped.increment();
            }
        }
    }

    @Override
    public long delivered() {
        return delivered.sum();
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void close() {
        consumers.forEach(Thread::interrupt);
    }
}
