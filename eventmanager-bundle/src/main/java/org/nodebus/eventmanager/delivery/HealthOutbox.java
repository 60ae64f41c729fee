package org.nodebus.eventmanager.delivery;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;

import org.nodebus.api.event.ModuleHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health transitions and crashes on their way to the {@link HealthListener}: recorded under whatever lock
 * the change was made with, told on the outbox's own thread, one at a time and in the order recorded. The
 * listener publishes events (it needs the publish lock) and may call the framework, so telling it on the
 * thread that made the change would run it under that thread's locks (a caller's, the framework's) and
 * would stall the watchdog while it runs.
 */
final class HealthOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthOutbox.class);

    /** What the listener is told; {@code source} is the module incarnation (channel) it is about. */
    sealed interface Notice permits Transition, Crash {
        String moduleId();

        Object source();
    }

    /**
     * A module's health changed.
     *
     * @param consecutiveFailures its failures in a row at the change, for the log
     */
    record Transition(String moduleId, long bundleId, Object source, ModuleHealth from, ModuleHealth to,
            long consecutiveFailures)
            implements Notice {
    }

    /** A module's listener threw an Error; the module has already been unsubscribed. */
    record Crash(String moduleId, long bundleId, Object source, Throwable error) implements Notice {
    }

    private final ConcurrentLinkedQueue<Notice> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService teller = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nodebus-health");
        t.setDaemon(true);
        return t;
    });
    private volatile HealthListener listener = HealthListener.NONE;
    private volatile BiPredicate<String, Object> current = (moduleId, source) -> true;

    void setListener(HealthListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** Which notices are still worth telling: those about the module's current incarnation. */
    void setSourceCheck(BiPredicate<String, Object> current) {
        this.current = Objects.requireNonNull(current);
    }

    /** Records a notice; never blocks, may be called under any lock. */
    void add(Notice notice) {
        pending.add(notice);
    }

    /** Has what is pending told on the outbox's thread. Call it with no lock held; it never waits. */
    void flush() {
        if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                teller.execute(this::tellPending);
            } catch (RejectedExecutionException closed) {
                scheduled.set(false);
            }
        }
    }

    private void tellPending() {
        do {
            scheduled.set(false);
            Notice notice;
            while ((notice = pending.poll()) != null) {
                tell(notice);
            }
            // a notice added after the poll saw the queue empty, by a flush that found us scheduled, is ours
        } while (!pending.isEmpty() && scheduled.compareAndSet(false, true));
    }

    private void tell(Notice notice) {
        HealthListener target = listener;
        try {
            if (!current.test(notice.moduleId(), notice.source())) {
                LOG.debug("Not telling a notice about an earlier incarnation of module {}", notice.moduleId());
                return;
            }
            if (notice instanceof Transition t) {
                if (t.to() == ModuleHealth.DEGRADED) {
                    LOG.warn("Module {} failed {} events in a row; it is DEGRADED", t.moduleId(),
                            t.consecutiveFailures());
                }
                LOG.info("Module {} health {} -> {}", t.moduleId(), t.from(), t.to());
                target.healthChanged(t.moduleId(), t.bundleId(), t.from(), t.to());
            } else if (notice instanceof Crash c) {
                target.crashed(c.moduleId(), c.bundleId(), c.error());
            }
        } catch (Throwable e) {
            LOG.error("The health listener failed on a notice about module {}: {}; the next notice is told all the "
                    + "same", notice.moduleId(), Throwables.describe(e));
        }
    }

    @Override
    public void close() {
        teller.shutdownNow();
    }
}
