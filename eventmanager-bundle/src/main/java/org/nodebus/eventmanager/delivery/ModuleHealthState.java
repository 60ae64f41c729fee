package org.nodebus.eventmanager.delivery;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.nodebus.api.event.ModuleHealth;

/**
 * One module's health, derived from what happened to it: CRASHED after an {@link Error} until it subscribes
 * again, UNRESPONSIVE while one of its listener calls runs past the time limit, DEGRADED after the
 * configured number of failures in a row, HEALTHY otherwise. Every change is handed to the
 * {@link HealthOutbox} while the state's lock is held, so a module's transitions are told in the order they
 * happened; they are told after the lock is released.
 *
 * <p>Lock: the monitor of this object guards every field but {@code failing}, which the delivery thread
 * reads without it (see {@link #succeeded}). It is a leaf lock: nothing is called while it is held except
 * the outbox's non-blocking queue.
 */
final class ModuleHealthState {
    private final String moduleId;
    /** The incarnation (channel) this state belongs to, so a stale notice can be told apart. */
    private final Object source;
    private final HealthOutbox outbox;
    private final IntSupplier failureLimit;
    private final LongSupplier bundleId;
    private boolean crashed;
    /** Calls of the module the watchdog found hung and that have not returned yet. */
    private int hungCalls;
    private long consecutiveFailures;
    private volatile ModuleHealth health = ModuleHealth.HEALTHY;
    /**
     * Whether the failure count is above zero; written under the lock, read without it by the delivery
     * thread on every success. Only that thread raises it, so it never misses its own raise, and a stale
     * value after another thread lowered it only costs one lock acquisition.
     */
    private boolean failing;

    ModuleHealthState(String moduleId, LongSupplier bundleId, Object source, HealthOutbox outbox,
            IntSupplier failureLimit) {
        this.moduleId = moduleId;
        this.bundleId = bundleId;
        this.source = source;
        this.outbox = outbox;
        this.failureLimit = failureLimit;
    }

    ModuleHealth health() {
        return health;
    }

    /**
     * A listener threw (not an Error). On the delivery thread.
     *
     * @return whether the health changed (the caller flushes the outbox)
     */
    synchronized boolean failed() {
        consecutiveFailures++;
        failing = true;
        return recompute();
    }

    /** A listener call succeeded: the failure count starts again. On the delivery thread; free when not failing. */
    boolean succeeded() {
        if (!failing) {
            return false;
        }
        synchronized (this) {
            consecutiveFailures = 0;
            failing = false;
            return recompute();
        }
    }

    /** The watchdog found a call running past the listener time limit. */
    synchronized boolean callHung() {
        hungCalls++;
        return recompute();
    }

    /** A hung call returned (or the watchdog takes back a hang it counted for a call that had just ended). */
    synchronized boolean callReturned() {
        hungCalls--;
        return recompute();
    }

    /** A listener threw an Error and the module was unsubscribed. */
    synchronized boolean crashed() {
        crashed = true;
        return recompute();
    }

    /**
     * The module subscribes again after it went away or crashed: its failures are forgotten. A call still
     * hung from before keeps it UNRESPONSIVE, since its new events wait behind that call.
     */
    synchronized boolean revived() {
        crashed = false;
        consecutiveFailures = 0;
        failing = false;
        return recompute();
    }

    /** Calls of this module running past the listener time limit now. */
    synchronized int hungCalls() {
        return hungCalls;
    }

    synchronized long consecutiveFailures() {
        return consecutiveFailures;
    }

    private boolean recompute() {
        ModuleHealth now = crashed ? ModuleHealth.CRASHED
                : hungCalls > 0 ? ModuleHealth.UNRESPONSIVE
                : consecutiveFailures >= failureLimit.getAsInt() ? ModuleHealth.DEGRADED
                : ModuleHealth.HEALTHY;
        ModuleHealth old = health;
        if (now == old) {
            return false;
        }
        health = now;
        outbox.add(new HealthOutbox.Transition(moduleId, bundleId.getAsLong(), source, old, now,
                consecutiveFailures));
        return true;
    }
}
