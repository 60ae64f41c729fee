package org.nodebus.eventmanager.delivery;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A few counters that one side of a module's channel writes (its publishers, under the publish lock, or its
 * executor), on cache lines of their own: counters of both sides on one line would make the publisher and
 * the executor take that line from each other on every event.
 */
final class PaddedCounters {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int PAD = PaddedFlag.PAD;

    private final long[] cells;

    PaddedCounters(int count) {
        cells = new long[PAD + count + PAD];
    }

    long get(int counter) {
        return (long) SLOT.getVolatile(cells, PAD + counter);
    }

    /** Adds one; only for a counter with one writer at a time (no atomic read-modify-write). */
    void incrementSingleWriter(int counter) {
        SLOT.setRelease(cells, PAD + counter, (long) SLOT.get(cells, PAD + counter) + 1);
    }

    /** Adds one, atomically: any thread. */
    void increment(int counter) {
        SLOT.getAndAdd(cells, PAD + counter, 1L);
    }

    long getAndSet(int counter, long value) {
        return (long) SLOT.getAndSet(cells, PAD + counter, value);
    }
}
