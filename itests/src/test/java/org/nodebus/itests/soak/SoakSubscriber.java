package org.nodebus.itests.soak;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;

/**
 * A soak module's listener: behaves as its {@link Behaviour} says and counts, independently of the
 * EventManager, what it handled, what it threw, what it was told was dropped and whether sequence numbers
 * ever went backwards. One instance per bundle, kept across the bundle's restarts and updates, as the
 * EventManager keeps a module's statistics until it is uninstalled.
 */
public final class SoakSubscriber implements EventSubscriber {

    /** How a soak module's listener misbehaves. */
    public enum Behaviour {
        /** returns at once */
        FAST,
        /** takes 50 microseconds per event */
        SLOW,
        /** throws a RuntimeException for every third event */
        THROWING,
        /** hangs for 1.5 s (past the 300 ms limit the soak configures) once every 20,000 events */
        HANGING,
        /** throws an Error once every 50,000 events: a crash, which stops the module */
        CRASHING,
        /** its bundle's activator throws, so it never starts */
        CRASHING_ON_START
    }

    private final Behaviour behaviour;
    private final CountDownLatch stopHanging;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong threw = new AtomicLong();
    private final AtomicLong droppedReported = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private volatile long lastSequence;

    public SoakSubscriber(Behaviour behaviour, CountDownLatch stopHanging) {
        this.behaviour = behaviour;
        this.stopHanging = stopHanging;
    }

    @Override
    public void onEvent(Event event) {
        if (event.sequence() <= lastSequence) {
            outOfOrder.incrementAndGet();
        }
        lastSequence = event.sequence();
        droppedReported.addAndGet(event.droppedBefore());
        long n = calls.incrementAndGet();
        switch (behaviour) {
            case SLOW -> java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            case THROWING -> {
                if (n % 3 == 0) {
                    threw.incrementAndGet();
                    throw new IllegalStateException("soak: thrown on purpose");
                }
            }
            case HANGING -> {
                if (n % 20_000 == 0) {
                    hang();
                }
            }
            case CRASHING -> {
                if (n % 50_000 == 0) {
                    threw.incrementAndGet();
                    throw new AssertionError("soak: crash on purpose");
                }
            }
            default -> {
            }
        }
        handled.incrementAndGet();
    }

    /** A hung listener, as a module with a stuck lock would be: simulated work, not synchronisation. */
    private void hang() {
        try {
            stopHanging.await(1500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public long handled() {
        return handled.get();
    }

    public long threw() {
        return threw.get();
    }

    public long droppedReported() {
        return droppedReported.get();
    }

    public long outOfOrder() {
        return outOfOrder.get();
    }

    public long calls() {
        return calls.get();
    }
}
