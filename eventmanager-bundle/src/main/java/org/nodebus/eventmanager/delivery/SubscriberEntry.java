package org.nodebus.eventmanager.delivery;

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
     * The last sequence number published before it subscribed: events up to it were queued for its module
     * before it existed and never reach it.
     */
    final long since;
    /** Cleared, under the publish lock, when it is removed; read just before each call of it. */
    volatile boolean active = true;

    SubscriberEntry(ModuleChannel channel, EventSubscriber subscriber, Set<EventType> types, long since) {
        this.channel = channel;
        this.subscriber = subscriber;
        this.types = EnumSet.copyOf(types);
        this.since = since;
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
        return (target == null ? types.contains(type) : target == this) && event.sequence() > since;
    }
}
