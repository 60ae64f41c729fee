package org.nodebus.eventmanager.delivery;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.nodebus.api.EventSubscriber;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.filter.PayloadFilter;

/** One listener of a module, the types it wants and since when; compared by identity. */
public final class SubscriberEntry {
    final ModuleChannel channel;
    final EventSubscriber subscriber;
    volatile EnumSet<EventType> types;
    /** The filter its events must match, or {@code null} for none; written under the publish lock. */
    volatile PayloadFilter filter;
    /**
     * For each event type (by ordinal), the last sequence number published before the listener wanted it:
     * events up to it were queued for its module before then and never reach it. Replaced, never changed in
     * place, when the listener's types change.
     */
    private volatile long[] since;
    /** Set for a durable subscription's listener: it reads from the journal, not from the module's queue. */
    DurableFeed feed;
    /** Cleared, under the publish lock, when it is removed; read just before each call of it. */
    volatile boolean active = true;

    SubscriberEntry(ModuleChannel channel, EventSubscriber subscriber, Set<EventType> types, PayloadFilter filter,
            long since) {
        this.channel = channel;
        this.subscriber = subscriber;
        this.types = EnumSet.copyOf(types);
        this.filter = filter;
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

    /** @return the filter its events must match, if it has one */
    public java.util.Optional<PayloadFilter> filter() {
        return java.util.Optional.ofNullable(filter);
    }

    /** @return the name of its durable subscription, or null for a plain one */
    public String durableName() {
        return feed == null ? null : feed.name;
    }

    /** @return a copy of the types it wants */
    public Set<EventType> types() {
        return Set.copyOf(types);
    }

    /**
     * Whether it gets this event: a replay meant for it, or a live event of a type it wants, published after
     * it wanted the type, that matches its filter (evaluated again here: the module's other listeners may have
     * had the event queued).
     */
    boolean wants(Published event, EventType type) {
        SubscriberEntry target = event.target();
        if (target != null) {
            return target == this;
        }
        if (feed != null || !types.contains(type) || event.sequence() <= since[type.ordinal()]) {
            return false;
        }
        PayloadFilter f = filter;
        return f == null || f.matches(event.payload());
    }

    /** At the publisher, under the publish lock: whether this filtered listener wants a live event of the type. */
    boolean passes(EventType type, java.util.Map<String, ?> fields) {
        PayloadFilter f = filter;
        return feed == null && types.contains(type) && (f == null || f.matches(fields));
    }
}
