package org.nodebus.eventmanager.history;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.nodebus.api.Event;

/**
 * The last events published, for {@code nodebus:events}: a ring of at most {@link #capacity()} events,
 * the oldest overwritten first. The delivery core records each live event into it while it holds the
 * publish lock (one writer), at the cost of two stores (the envelope is made when the event is read): no
 * queue, no delivery thread, so the history costs
 * the publisher nothing it could measure and never holds it up. Readers take no lock: they copy the
 * slots and drop those the writer may have overwritten meanwhile.
 */
public final class EventHistory {
    /** How often a follower looks for new events. */
    static final long FOLLOW_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final VarHandle ADDED;

    static {
        try {
            ADDED = MethodHandles.lookup().findVarHandle(EventHistory.class, "added", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Events per chunk: the writer fills a young chunk, so the garbage collector's card marking of the long-lived
     *  ring is paid once a chunk, not once an event. */
    static final int CHUNK = 64;

    /**
     * A power of two of chunks holding at least one chunk more than the capacity: the spare one is the chunk
     * the writer may be replacing while a reader copies. Plain stores: the release of {@link #added} after
     * the slot publishes it, and a reader checks after copying which slots may have changed under it.
     */
    private final Supplier<?>[][] chunks;
    private final int chunkMask;
    private final int capacity;
    /** Events recorded so far: written (release) after the slot, read (acquire) before the slots. */
    private long added;

    /** @param capacity the events kept, at least 1 */
    public EventHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the history keeps at least 1 event, not " + capacity);
        }
        this.capacity = capacity;
        int needed = (capacity + CHUNK - 1) / CHUNK + 1;
        this.chunks = new Supplier<?>[Integer.highestOneBit(needed - 1) << 1][];
        this.chunkMask = chunks.length - 1;
    }

    /** A history of another capacity with the newest events of this one; make it while nothing records. */
    public EventHistory resized(int capacity) {
        EventHistory copy = new EventHistory(capacity);
        newest(capacity, e -> true).forEach(copy::record);
        return copy;
    }

    /** Records an event. */
    public void record(Event event) {
        record(() -> event);
    }

    /**
     * Records a published event, its envelope made only when it is read; called by the one writer, the
     * publish lock's holder.
     */
    public void record(Supplier<Event> event) {
        long n = added; // the one writer reads its own last write
        int offset = (int) n & (CHUNK - 1);
        int chunk = (int) (n / CHUNK) & chunkMask;
        if (offset == 0) {
            chunks[chunk] = new Supplier<?>[CHUNK];
        }
        chunks[chunk][offset] = event;
        ADDED.setRelease(this, n + 1);
    }

    /** The events kept at most. */
    public int capacity() {
        return capacity;
    }

    /** How many events were recorded so far: the position a follower starts from. */
    public long position() {
        return (long) ADDED.getAcquire(this);
    }

    /**
     * @param n how many at most
     * @param filter which events count
     * @return the newest {@code n} events that pass, oldest first
     */
    public List<Event> newest(int n, Predicate<Event> filter) {
        return last(n, filter).events();
    }

    /**
     * The newest events that pass, and the position they were read up to: a follower that goes on from it
     * sees every later event once, and none of these again.
     *
     * @param n how many at most
     * @param filter which events count
     * @return the events, oldest first, and the position after them
     */
    public Slice last(int n, Predicate<Event> filter) {
        Slice read = since(0);
        List<Event> all = read.events();
        List<Event> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < n; i--) {
            if (filter.test(all.get(i))) {
                out.add(all.get(i));
            }
        }
        Collections.reverse(out);
        return new Slice(List.copyOf(out), read.end());
    }

    /**
     * Waits for events recorded after a position, for {@code --follow}.
     *
     * @param position what the caller has seen: {@link #position()} before its first call, then the
     *        position this returned
     * @param waitMillis how long to wait when nothing new is there
     * @param into receives the new events, oldest first (those the ring lost meanwhile are skipped)
     * @return the new position
     * @throws InterruptedException when the follower is interrupted (Ctrl-C)
     */
    public long awaitAfter(long position, long waitMillis, List<Event> into) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        long now = position();
        while (now == position) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return position;
            }
            LockSupport.parkNanos(Math.min(left, FOLLOW_POLL_NANOS));
            now = position();
        }
        Slice slice = since(position);
        into.addAll(slice.events());
        return slice.end();
    }

    /**
     * Events read in one go, and the position after them.
     *
     * @param events the events, oldest first
     * @param end the position after the last event read
     */
    public record Slice(List<Event> events, long end) {
    }

    /** The events from a position on that are still in the ring, oldest first, as of one reading. */
    public Slice since(long position) {
        long end = position();
        long start = Math.max(position, end - capacity);
        List<Supplier<?>> copy = new ArrayList<>((int) (end - start));
        for (long i = start; i < end; i++) {
            copy.add(chunks[(int) (i / CHUNK) & chunkMask][(int) i & (CHUNK - 1)]);
        }
        VarHandle.acquireFence();
        // the writer went on meanwhile: it may have replaced the chunks of the events below added - capacity
        // (it installs the chunk of event number added before it counts it, which the spare chunk leaves alone)
        long valid = Math.max(start, position() - capacity);
        List<Event> events = copy.subList((int) Math.min(valid - start, copy.size()), copy.size()).stream()
                .map(supplier -> (Event) supplier.get()).toList();
        return new Slice(events, end);
    }
}
