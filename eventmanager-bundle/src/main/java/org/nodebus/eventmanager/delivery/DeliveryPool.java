package org.nodebus.eventmanager.delivery;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small thread pool shared by every module's serial executor. A thread stuck in a hung listener is
 * replaced: the pool grows by one per stuck thread, up to a bound, and shrinks back when the listener
 * returns, so hung modules never starve the others.
 */
final class DeliveryPool implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPool.class);

    private final ThreadPoolExecutor executor;
    private int baseThreads;
    private int maxThreads;
    private int stuck;

    DeliveryPool(int threads, int maxThreads) {
        this.baseThreads = threads;
        this.maxThreads = Math.max(threads, maxThreads);
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "nodebus-delivery-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // threads added for hung listeners leave 5 s after they are no longer needed
        executor = new ThreadPoolExecutor(threads, this.maxThreads, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // only after shutdown: the runtime is stopping and the queued events are counted as failed
            LOG.debug("Delivery pool is shut down; task not run");
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

    synchronized void threadStuck() {
        stuck++;
        applySize();
    }

    synchronized void threadFreed() {
        stuck = Math.max(0, stuck - 1);
        applySize();
    }

    private void applySize() {
        int core = Math.min(baseThreads + stuck, maxThreads);
        if (core > executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(maxThreads);
            executor.setCorePoolSize(core);
        } else {
            executor.setCorePoolSize(core);
            executor.setMaximumPoolSize(maxThreads);
        }
        if (baseThreads + stuck > maxThreads) {
            LOG.warn("{} delivery threads are stuck in hung listeners; the pool stays at its bound of {} threads "
                    + "(raise delivery.threads.max to grow it further)", stuck, maxThreads);
        }
    }

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
