package org.nodebus.eventmanager.delivery;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A module's unbounded queue of events, made for its one producer at a time: every add runs under the
 * publish lock, so an add is a store into an array slot with release semantics, with no compare-and-set
 * and one allocation per {@value #CHUNK} events. Takers (the module's executor and a purge of a module that
 * went away) may run on different threads and take turns through a flag: the executor holds it for one
 * take, never while a listener runs, so a purge waits nanoseconds at most.
 *
 * <p>The queue counts what was added and taken, so its depth is one subtraction. The producer's counters
 * and the takers' live in separate padded arrays: with both sides writing one cache line per event, the
 * publisher would wait for that line on every add.
 *
 * <p>The queue does not fence an add against a later read of the executor's run flag; its caller does that
 * once per publication, after adding to every module (see {@link DeliveryCore}).
 */
final class EventQueue {
    /** Slots per chunk: a chunk is allocated once per this many events and is garbage once taken. */
    static final int CHUNK = 64;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Published[].class);
    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle NEXT;
    private static final int PAD = PaddedFlag.PAD;
    /** Producer side: position in the tail chunk, and events added. */
    private static final int TAIL_INDEX = PAD;
    private static final int ADDED = PAD + 1;
    /** Taker side: position in the head chunk, events taken, and the flag takers take turns with (0 or 1). */
    private static final int HEAD_INDEX = PAD;
    private static final int TAKEN = PAD + 1;
    private static final int TAKING = PAD + 2;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Chunk.class, "next", Chunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Chunk {
        final Published[] slots = new Published[CHUNK];
        /** Set once, with release semantics, before the producer writes into the chunk it points to. */
        @SuppressWarnings("unused")
        private Chunk next;
    }

    private final long[] producer = new long[PAD + 2 + PAD];
    private final long[] takers = new long[PAD + 3 + PAD];
    /** Only touched by the producer (under the publish lock). */
    private Chunk tail;
    /** Only touched while holding the takers' flag. */
    private Chunk head;

    EventQueue() {
        Chunk first = new Chunk();
        tail = first;
        head = first;
    }

    /** Producer only (under the publish lock). */
    void add(Published event) {
        int index = (int) producer[TAIL_INDEX];
        if (index == CHUNK) {
            Chunk next = new Chunk();
            NEXT.setRelease(tail, next);
            tail = next;
            index = 0;
        }
        producer[TAIL_INDEX] = index + 1;
        // counted before it is visible, so taken never passes added
        COUNTER.setRelease(producer, ADDED, producer[ADDED] + 1);
        // a slot is written once: a taker that reads null knows the producer has not got there yet
        SLOT.setRelease(tail.slots, index, event);
    }

    /** @return the oldest event, or {@code null} if the queue is empty */
    Published poll() {
        lockTakers();
        try {
            int index = (int) takers[HEAD_INDEX];
            if (index == CHUNK) {
                Chunk next = (Chunk) NEXT.getAcquire(head);
                if (next == null) {
                    return null;
                }
                head = next;
                index = 0;
                takers[HEAD_INDEX] = 0;
            }
            Published[] slots = head.slots;
            Published event = (Published) SLOT.getAcquire(slots, index);
            if (event != null) {
                slots[index] = null;
                takers[HEAD_INDEX] = index + 1;
                COUNTER.setRelease(takers, TAKEN, takers[TAKEN] + 1);
            }
            return event;
        } finally {
            COUNTER.setRelease(takers, TAKING, 0L);
        }
    }

    /**
     * Whether nothing is waiting. Volatile reads: after the executor's volatile write of its run flag they
     * see every add whose producer fenced before reading that flag, so no event is left without a wake-up.
     */
    boolean isEmpty() {
        lockTakers();
        try {
            if (takers[HEAD_INDEX] == CHUNK) {
                Chunk next = (Chunk) NEXT.getVolatile(head);
                return next == null || SLOT.getVolatile(next.slots, 0) == null;
            }
            return SLOT.getVolatile(head.slots, (int) takers[HEAD_INDEX]) == null;
        } finally {
            COUNTER.setRelease(takers, TAKING, 0L);
        }
    }

    /** Events ever added; read it after {@link #taken()} for a depth that is never negative. */
    long added() {
        return (long) COUNTER.getAcquire(producer, ADDED);
    }

    /** Events ever taken; never more than were added. */
    long taken() {
        return (long) COUNTER.getAcquire(takers, TAKEN);
    }

    private void lockTakers() {
        while (!COUNTER.compareAndSet(takers, TAKING, 0L, 1L)) {
            // the holder is in the middle of one take: only a descheduled holder makes this wait long
            Thread.yield();
        }
    }
}
