package org.nodebus.eventmanager.delivery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import org.nodebus.api.event.EventType;

/**
 * For each event type, the modules subscribed to it: those with a listener that takes every event of the
 * type, and those whose listeners of the type all have a filter, which the publisher asks first. A module
 * without a filter thus costs the publisher no check. Publishing reads it without a lock: the table is
 * replaced, never changed in place. Changed only under the publish lock.
 */
final class Routes {
    private static final ModuleChannel[] NONE = new ModuleChannel[0];
    private static final Route EMPTY = new Route(NONE, NONE);

    /**
     * The modules of one type.
     *
     * @param plain modules that take every event of the type
     * @param filtered modules that take only the events one of their listeners' filters matches
     */
    record Route(ModuleChannel[] plain, ModuleChannel[] filtered) {
        int size() {
            return plain.length + filtered.length;
        }
    }

    /** By event type ordinal. */
    private volatile Route[] byType;

    Routes() {
        Route[] empty = new Route[EventType.values().length];
        Arrays.fill(empty, EMPTY);
        byType = empty;
    }

    /** The modules an event of this type goes to; the arrays must not be changed. */
    Route of(EventType type) {
        return byType[type.ordinal()];
    }

    /** Under the publish lock: the channel's listeners changed, so it now goes on the routes of the types they want. */
    void update(ModuleChannel channel) {
        EnumSet<EventType> plain = EnumSet.noneOf(EventType.class);
        EnumSet<EventType> filtered = EnumSet.noneOf(EventType.class);
        for (SubscriberEntry entry : channel.listeners()) {
            if (entry.feed == null) { // a durable listener reads the journal, not the queue
                (entry.filter == null ? plain : filtered).addAll(entry.types);
            }
        }
        filtered.removeAll(plain);
        Route[] next = byType.clone();
        boolean changed = false;
        for (EventType type : EventType.values()) {
            Route current = next[type.ordinal()];
            ModuleChannel[] p = with(current.plain(), channel, plain.contains(type));
            ModuleChannel[] f = with(current.filtered(), channel, filtered.contains(type));
            if (p != current.plain() || f != current.filtered()) {
                next[type.ordinal()] = p.length == 0 && f.length == 0 ? EMPTY : new Route(p, f);
                changed = true;
            }
        }
        if (changed) {
            byType = next;
        }
    }

    /** The array with or without the channel: the same array if nothing changes. */
    private static ModuleChannel[] with(ModuleChannel[] current, ModuleChannel channel, boolean wanted) {
        int at = Arrays.asList(current).indexOf(channel);
        if (wanted && at < 0) {
            ModuleChannel[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = channel;
            return grown;
        }
        if (!wanted && at >= 0) {
            if (current.length == 1) {
                return NONE;
            }
            ModuleChannel[] shrunk = new ModuleChannel[current.length - 1];
            System.arraycopy(current, 0, shrunk, 0, at);
            System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
            return shrunk;
        }
        return current;
    }

    /** The ids of the modules subscribed to a type, sorted. */
    List<String> moduleIds(EventType type) {
        List<String> ids = new ArrayList<>();
        Route route = of(type);
        for (ModuleChannel channel : route.plain()) {
            ids.add(channel.moduleId);
        }
        for (ModuleChannel channel : route.filtered()) {
            ids.add(channel.moduleId);
        }
        ids.sort(null);
        return List.copyOf(ids);
    }
}
