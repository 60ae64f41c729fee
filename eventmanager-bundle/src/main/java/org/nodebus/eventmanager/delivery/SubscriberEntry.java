package org.nodebus.eventmanager.delivery;

import java.util.EnumSet;
import java.util.Set;

import org.nodebus.api.EventSubscriber;
import org.nodebus.api.event.EventType;

/** One listener of a module and the types it wants; compared by identity. */
public final class SubscriberEntry {
    final ModuleChannel channel;
    final EventSubscriber subscriber;
    volatile EnumSet<EventType> types;

    SubscriberEntry(ModuleChannel channel, EventSubscriber subscriber, Set<EventType> types) {
        this.channel = channel;
        this.subscriber = subscriber;
        this.types = EnumSet.copyOf(types);
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

    boolean wants(EventType type) {
        return types.contains(type);
    }
}
