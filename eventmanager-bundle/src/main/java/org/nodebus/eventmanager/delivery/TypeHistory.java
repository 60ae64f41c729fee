package org.nodebus.eventmanager.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.filter.PayloadFilter;

/**
 * The latest live events of each type, for subscribers that ask for a history: at most {@code limit} per
 * type, so memory stays bounded by the number of types times the limit, whatever subscribers ask for.
 * Guarded by the publish lock (the publisher records, a subscription reads), so it needs no lock of its
 * own; a ring of a type is made at its first event, so a type never published costs nothing.
 */
final class TypeHistory {
    private final Published[][] rings = new Published[EventType.values().length][];
    private final long[] recorded = new long[EventType.values().length];
    private int limit;

    TypeHistory(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** Records a live event; one store. */
    void record(EventType type, Published event) {
        if (limit == 0) {
            return;
        }
        int t = type.ordinal();
        Published[] ring = rings[t];
        if (ring == null) {
            ring = new Published[limit];
            rings[t] = ring;
        }
        ring[(int) (recorded[t]++ % limit)] = event;
    }

    /** Keeps the newest events of each type that fit the new limit. */
    void resize(int newLimit) {
        if (newLimit == limit) {
            return;
        }
        for (int t = 0; t < rings.length; t++) {
            List<Published> kept = kept(t);
            rings[t] = null;
            recorded[t] = 0;
            if (newLimit == 0 || kept.isEmpty()) {
                continue;
            }
            int from = Math.max(0, kept.size() - newLimit);
            Published[] ring = new Published[newLimit];
            for (int i = from; i < kept.size(); i++) {
                ring[(int) (recorded[t]++ % newLimit)] = kept.get(i);
            }
            rings[t] = ring;
        }
        limit = newLimit;
    }

    /**
     * The newest events of these types that match the filter, oldest first.
     *
     * @param types the types
     * @param filter the filter, or {@code null} for none
     * @param n how many at most
     */
    List<Published> latest(Set<EventType> types, PayloadFilter filter, int n) {
        List<Published> all = new ArrayList<>();
        for (EventType type : types) {
            for (Published event : kept(type.ordinal())) {
                if (filter == null || filter.matches(event.payload())) {
                    all.add(event);
                }
            }
        }
        all.sort(Comparator.comparingLong(Published::sequence));
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    /** The events kept of one type, oldest first. */
    private List<Published> kept(int t) {
        Published[] ring = rings[t];
        if (ring == null) {
            return List.of();
        }
        long end = recorded[t];
        long start = Math.max(0, end - ring.length);
        List<Published> out = new ArrayList<>((int) (end - start));
        for (long i = start; i < end; i++) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }
}
