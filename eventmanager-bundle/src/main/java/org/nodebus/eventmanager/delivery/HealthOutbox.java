package org.nodebus.eventmanager.delivery;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.nodebus.api.event.ModuleHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health transitions and crashes on their way to the {@link HealthListener}: recorded under whatever lock
 * the change was made with, told after every lock is released, one at a time and in the order recorded.
 * The listener publishes events (it needs the publish lock), so telling it under another lock would order
 * that lock before the publish lock on one path and after it on another: a deadlock.
 *
 * <p>Whoever calls {@link #flush()} tells what is pending unless another thread is telling already, in
 * which case that thread also tells what was added meanwhile; no caller waits for another.
 */
final class HealthOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(HealthOutbox.class);

    /** What the listener is told. */
    sealed interface Notice permits Transition, Crash {
    }

    /**
     * A module's health changed.
     *
     * @param consecutiveFailures its failures in a row at the change, for the log
     */
    record Transition(String moduleId, ModuleHealth from, ModuleHealth to, long consecutiveFailures)
            implements Notice {
    }

    /** A module's listener threw an Error; the module has already been unsubscribed. */
    record Crash(String moduleId, Throwable error) implements Notice {
    }

    private final ConcurrentLinkedQueue<Notice> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile HealthListener listener = HealthListener.NONE;

    void setListener(HealthListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** Records a notice; never blocks, may be called under any lock. */
    void add(Notice notice) {
        pending.add(notice);
    }

    /** Tells the listener what is pending. Call it with no lock held. */
    void flush() {
        while (!pending.isEmpty()) {
            if (!flushing.compareAndSet(false, true)) {
                return;
            }
            try {
                Notice notice;
                while ((notice = pending.poll()) != null) {
                    tell(notice);
                }
            } finally {
                flushing.set(false);
            }
        }
    }

    private void tell(Notice notice) {
        HealthListener target = listener;
        try {
            if (notice instanceof Transition t) {
                if (t.to() == ModuleHealth.DEGRADED) {
                    LOG.warn("Module {} failed {} events in a row; it is DEGRADED", t.moduleId(),
                            t.consecutiveFailures());
                }
                LOG.info("Module {} health {} -> {}", t.moduleId(), t.from(), t.to());
                target.healthChanged(t.moduleId(), t.from(), t.to());
            } else if (notice instanceof Crash c) {
                target.crashed(c.moduleId(), c.error());
            }
        } catch (Throwable e) {
            String module = notice instanceof Transition t ? t.moduleId() : ((Crash) notice).moduleId();
            LOG.error("The health listener failed on a notice about module {}: {}; the next notice is told all the "
                    + "same", module, Throwables.describe(e));
        }
    }
}
