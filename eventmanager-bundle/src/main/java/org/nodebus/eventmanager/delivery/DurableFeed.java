package org.nodebus.eventmanager.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.filter.PayloadFilter;
import org.nodebus.eventmanager.journal.EventCodec.Stored;
import org.nodebus.eventmanager.journal.Journal;
import org.nodebus.eventmanager.journal.MappedLongs;

/**
 * What a durable subscription's listener reads from the journal: the committed events of its types after
 * its position, in order. Its module's serial executor reads it, one event at a time, after the module's
 * queues; it is never full, so nothing is dropped for it, and it is woken when the journal commits.
 *
 * <p>The position (the last event its listener finished) and the count of events of its types passed are
 * written to a memory-mapped file after each finished call, so a killed node resumes after it: at most the
 * event in progress comes twice. The state is the executor's own (one turn at a time); the figures read by
 * operators are volatile.
 */
final class DurableFeed {
    final SubscriberEntry entry;
    final String name;
    private final Journal journal;
    private final MappedLongs positions;
    private final boolean[] wanted = new boolean[EventType.values().length];
    private final Set<EventType> types;
    private final PayloadFilter filter;
    /** Events up to it were published before this subscription began: they come as redelivered. */
    private final long liveFrom;
    /** Events up to it are counted in consumed already (those after it, up to readTo, are counted when skipped). */
    private long countedTo;

    private long readTo;
    private List<Stored> batch = List.of();
    private int index;
    private long pendingLost;
    private volatile long position;
    private volatile long consumed;
    private volatile long delivered;
    private volatile long lost;

    /**
     * @param fresh whether the subscription is new: it starts with the events after liveFrom
     */
    DurableFeed(SubscriberEntry entry, String name, Journal journal, Set<EventType> types, long liveFrom,
            boolean fresh) {
        this.entry = entry;
        this.name = name;
        this.journal = journal;
        this.types = Set.copyOf(types);
        for (EventType t : types) {
            wanted[t.ordinal()] = true;
        }
        this.filter = entry.filter;
        this.liveFrom = liveFrom;
        this.positions = journal.positions(entry.moduleId(), name);
        if (fresh) {
            long committed = journal.committed();
            position = liveFrom;
            consumed = sum(journal.cumulative());
            countedTo = committed;
            positions.write(position, consumed);
        } else {
            long[] stored = positions.read();
            position = stored[0];
            consumed = stored[1];
            countedTo = position;
        }
        readTo = position;
    }

    private long sum(long[] byType) {
        long n = 0;
        for (EventType t : types) {
            n += byType[t.ordinal()];
        }
        return n;
    }

    /** Whether the journal holds events it has not read: a volatile read. */
    boolean ready() {
        return journal.committed() > readTo;
    }

    /** The next event for its listener, or null when it has read all that is committed. Its executor only. */
    Published next() {
        while (true) {
            while (index < batch.size()) {
                Stored s = batch.get(index++);
                if (s.sequence() <= readTo) {
                    if (s.sequence() > countedTo && wanted[s.payload().type().ordinal()]) {
                        consumed++; // journaled as it subscribed, before it began: passed, not delivered
                    }
                    continue;
                }
                readTo = s.sequence();
                if (!wanted[s.payload().type().ordinal()]) {
                    continue; // another durable subscription's type
                }
                consumed++;
                if (filter != null && !filter.matches(s.payload())) {
                    continue;
                }
                long lostBefore = pendingLost;
                pendingLost = 0;
                return Published.fromJournal(s.sequence(), Instant.ofEpochMilli(s.millis()), s.publisher(), s.payload(),
                        this, s.sequence() <= liveFrom, lostBefore);
            }
            if (readTo < journal.trimmedUpTo()) {
                // fell off the retention: what it did not read is gone, and it is told how much
                long trimmed = sum(journal.trimmedCumulative());
                long gone = Math.max(0, trimmed - consumed);
                pendingLost += gone;
                lost += gone;
                consumed = Math.max(consumed, trimmed);
                readTo = journal.trimmedUpTo();
                countedTo = readTo;
            }
            Optional<Journal.Batch> next = journal.batchAfter(readTo);
            if (next.isEmpty()) {
                return null;
            }
            Journal.Batch b = next.get();
            if (b.firstSeq() > readTo) {
                long gone = sum(b.lostBefore()); // not written: a full ring or a failing disk
                pendingLost += gone;
                lost += gone;
            }
            batch = b.events();
            index = 0;
        }
    }

    /** Its listener finished an event (handled or threw an exception): the position moves past it. */
    void finished(long sequence) {
        position = sequence;
        countedTo = Math.max(countedTo, sequence);
        positions.write(sequence, consumed);
        delivered++;
    }

    long position() {
        return position;
    }

    /** Journaled events of its types it has not passed yet. */
    long lag() {
        return Math.max(0, sum(journal.cumulative()) - consumed);
    }

    long delivered() {
        return delivered;
    }

    long lost() {
        return lost;
    }
}
