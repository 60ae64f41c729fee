package org.nodebus.eventmanager.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

import org.nodebus.api.Event;
import org.nodebus.api.event.EventCategory;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.NodeStartupCompleted;

/**
 * What the publish lock's holder counts for operator tools: events published per type, the node's latest
 * lifecycle events (module and node categories, which are rare) and its NodeStartupCompleted.
 *
 * <p>The counts are written only under the publish lock (one writer: a lazy store, no atomic add) and read
 * by anyone. The journal has a monitor of its own, a leaf: the lock holder appends under it, readers copy
 * under it, and nothing is called while it is held.
 */
final class PublishCounters {
    /** Lifecycle events the journal keeps. */
    static final int JOURNAL_SIZE = 50;
    private static final EventType[] TYPES = EventType.values();

    private final AtomicLongArray published = new AtomicLongArray(TYPES.length);
    /** guarded by itself */
    private final ArrayDeque<Event> journal = new ArrayDeque<>(JOURNAL_SIZE);
    private volatile NodeStartupCompleted startup;

    /** Under the publish lock, for every publication (not for replays). */
    void published(Published event) {
        EventType type = event.payload().type();
        int i = type.ordinal();
        published.lazySet(i, published.get(i) + 1);
        EventCategory category = type.category();
        if (category == EventCategory.MODULE || category == EventCategory.NODE) {
            lifecycle(event);
        }
    }

    private void lifecycle(Published event) {
        if (event.payload() instanceof NodeStartupCompleted completed) {
            startup = completed;
        }
        Event envelope = event.get();
        synchronized (journal) {
            if (journal.size() == JOURNAL_SIZE) {
                journal.removeFirst();
            }
            journal.addLast(envelope);
        }
    }

    Map<EventType, Long> byType() {
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        for (EventType type : TYPES) {
            counts.put(type, published.get(type.ordinal()));
        }
        return counts;
    }

    List<Event> journal() {
        synchronized (journal) {
            return List.copyOf(new ArrayList<>(journal));
        }
    }

    Optional<NodeStartupCompleted> startup() {
        return Optional.ofNullable(startup);
    }
}
