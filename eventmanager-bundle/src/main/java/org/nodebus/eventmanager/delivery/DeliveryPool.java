package org.nodebus.eventmanager.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small thread pool shared by every module's serial executor. Its run queue is first in, first out:
 * a module whose turn ends goes to the back. A thread held by one listener call past the compensation
 * threshold (a slow or hung listener) is compensated: the pool may run one more thread for as long as that
 * call lasts, up to a bound, and shrinks back when it returns. So slow and hung modules never starve the
 * others.
 *
 * <p>Lock: the pool's monitor guards {@code baseThreads}, {@code maxThreads} and {@code compensated}; it
 * is a leaf (nothing is called out while it is held but the executor's own sizing).
 */
final class DeliveryPool {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPool.class);

    /** A pool thread with the slot through which the watchdog sees its listener calls. */
    static final class DeliveryThread extends Thread {
        final CallSlot slot = new CallSlot();
        private final List<CallSlot> slots;

        DeliveryThread(Runnable worker, String name, List<CallSlot> slots) {
            super(worker, name);
            this.slots = slots;
            setDaemon(true);
        }

        @Override
        public void run() {
            slots.add(slot);
            try {
                super.run();
            } finally {
                slots.remove(slot);
            }
        }
    }

    private final ThreadPoolExecutor executor;
    /** The slots of the live pool threads, for the watchdog. */
    final List<CallSlot> slots = new CopyOnWriteArrayList<>();
    private int baseThreads;
    private int maxThreads;
    private int compensated;

    DeliveryPool(int threads, int maxThreads) {
        this.baseThreads = threads;
        this.maxThreads = Math.max(threads, maxThreads);
        AtomicInteger counter = new AtomicInteger();
        // threads added for slow or hung listeners leave 5 s after they are no longer needed
        executor = new ThreadPoolExecutor(threads, this.maxThreads, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new DeliveryThread(r, "nodebus-delivery-" + counter.incrementAndGet(), slots));
    }

    /** @return whether the task was taken: false after shutdown, or if no thread could be started */
    boolean run(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            // after shutdown: the runtime is stopping and the queued events are counted as failed
            LOG.debug("Delivery pool is shut down; task not run");
            return false;
        } catch (Throwable e) {
            LOG.error("The delivery pool could not take a module's executor ({}); the module's next event retries",
                    e.toString());
            return false;
        }
    }

    /** Whether some module's executor waits for a delivery thread. */
    boolean hasWaitingWork() {
        return !executor.getQueue().isEmpty();
    }

    synchronized void resize(int threads, int max) {
        baseThreads = threads;
        maxThreads = Math.max(threads, max);
        applySize();
    }

    /** A listener call holds its thread past the compensation threshold: allow one more thread. */
    synchronized void compensate() {
        compensated++;
        try {
            applySize();
        } catch (Throwable e) {
            compensated--;
            throw e;
        }
    }

    /** A compensated call returned. */
    synchronized void released() {
        compensated = Math.max(0, compensated - 1);
        applySize();
    }

    private void applySize() {
        int core = Math.min(baseThreads + compensated, maxThreads);
        if (core > executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(maxThreads);
            executor.setCorePoolSize(core);
        } else {
            executor.setCorePoolSize(core);
            executor.setMaximumPoolSize(maxThreads);
        }
        if (baseThreads + compensated > maxThreads) {
            LOG.warn("{} delivery threads are held by slow or hung listeners; the pool stays at its bound of {} "
                    + "threads (raise delivery.threads.max to grow it further)", compensated, maxThreads);
        }
    }

    /** Threads the pool may run now: its base size plus the compensations, within its bound. */
    synchronized int threadBound() {
        return executor.getCorePoolSize();
    }

    int activeThreads() {
        return executor.getPoolSize();
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
