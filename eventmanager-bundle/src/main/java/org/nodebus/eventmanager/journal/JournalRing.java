package org.nodebus.eventmanager.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.function.Supplier;

import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;

/**
 * The hand-over from publishers to the journal's writer: a bounded single-producer, single-consumer ring.
 * The producer is whoever holds the publish lock (one at a time), so an offer is two plain stores and a
 * release, and never waits: a full ring counts the event as lost for its type, which the writer journals
 * with the next batch so durable subscribers are told.
 */
final class JournalRing {
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle LOST = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(JournalRing.class, "tail", long.class);
            HEAD = lookup.findVarHandle(JournalRing.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Supplier<?>[] slots;
    private final int mask;
    /** Offers so far; written by the producer (release), read by the writer (acquire). */
    @SuppressWarnings("unused")
    private long tail;
    /** Takes so far; written by the writer (release), read by the producer when its copy says full. */
    @SuppressWarnings("unused")
    private long head;
    /** The producer's copy of head. */
    private long headSeen;
    /** Events lost for a full ring, by type ordinal, ever: written by the producer only. */
    private final long[] lost = new long[EventType.values().length];

    /** @param capacity rounded up to a power of two */
    JournalRing(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        slots = new Supplier<?>[size];
        mask = size - 1;
    }

    int capacity() {
        return slots.length;
    }

    /** Under the publish lock. @return false if the ring was full and the event is counted as lost */
    boolean offer(Supplier<Event> event, EventType type) {
        long t = (long) TAIL.get(this);
        if (t - headSeen >= slots.length) {
            headSeen = (long) HEAD.getAcquire(this);
            if (t - headSeen >= slots.length) {
                LOST.setRelease(lost, type.ordinal(), (long) LOST.get(lost, type.ordinal()) + 1);
                return false;
            }
        }
        slots[(int) t & mask] = event;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** The writer: takes up to max events into the list. @return how many */
    int drain(List<Event> into, int max) {
        long h = (long) HEAD.get(this);
        long t = (long) TAIL.getAcquire(this);
        int n = (int) Math.min(max, t - h);
        for (int i = 0; i < n; i++) {
            int at = (int) (h + i) & mask;
            into.add((Event) slots[at].get());
            slots[at] = null;
        }
        HEAD.setRelease(this, h + n);
        return n;
    }

    boolean isEmpty() {
        return (long) HEAD.get(this) == (long) TAIL.getAcquire(this);
    }

    /** Events lost for a full ring so far, by type ordinal (a copy). */
    long[] lost() {
        long[] copy = new long[lost.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = (long) LOST.getAcquire(lost, i);
        }
        return copy;
    }
}
