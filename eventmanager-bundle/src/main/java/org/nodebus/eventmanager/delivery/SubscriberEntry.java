package org.nodebus.eventmanager.delivery;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.nodebus.api.EventSubscriber;
import org.nodebus.api.event.EventType;

/** One listener of a module, the types it wants and since when; compared by identity. */
public final class SubscriberEntry {
    final ModuleChannel channel;
    final EventSubscriber subscriber;
    volatile EnumSet<EventType> types;
    /**
     * For each event type (by ordinal), the last sequence number published before the listener wanted it:
     * events up to it were queued for its module before then and never reach it. Replaced, never changed in
     * place, when the listener's types change.
     */
    private volatile long[] since;
    /** Cleared, under the publish lock, when it is removed; read just before each call of it. */
    volatile boolean active = true;

    SubscriberEntry(ModuleChannel channel, EventSubscriber subscriber, Set<EventType> types, long since) {
        this.channel = channel;
        this.subscriber = subscriber;
        this.types = EnumSet.copyOf(types);
        long[] all = new long[EventType.values().length];
        Arrays.fill(all, since);
        this.since = all;
    }

    /** Under the publish lock: the listener wants these types now; those it did not want start after {@code now}. */
    void retype(Set<EventType> newTypes, long now) {
        long[] next = since.clone();
        for (EventType type : newTypes) {
            if (!types.contains(type)) {
                next[type.ordinal()] = now;
            }
        }
        since = next;
        types = newTypes.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(newTypes);
    }

    /** @return the module this listener belongs to */
    public String moduleId() {
        return channel.moduleId;
    }

    /** @return the bundle id of the module it belongs to */
    public long bundleId() {
        return channel.bundleId;
    }

    /** @return a copy of the types it wants */
    public Set<EventType> types() {
        return Set.copyOf(types);
    }

    /** Whether it gets this event: it wants the type (or the event is a replay meant for it) and it came later. */
    boolean wants(Published event, EventType type) {
        SubscriberEntry target = event.target();
        return (target == null ? types.contains(type) : target == this) && event.sequence() > since[type.ordinal()];
    }
}
