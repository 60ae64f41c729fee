package org.nodebus.eventmanager.delivery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import org.nodebus.api.event.EventType;

/**
 * For each event type, the modules subscribed to it. Publishing reads it without a lock: the table is
 * replaced, never changed in place. Changed only under the publish lock.
 */
final class Routes {
    private static final ModuleChannel[] NONE = new ModuleChannel[0];
    /** By event type ordinal. */
    private volatile ModuleChannel[][] byType;

    Routes() {
        ModuleChannel[][] empty = new ModuleChannel[EventType.values().length][];
        Arrays.fill(empty, NONE);
        byType = empty;
    }

    /** The modules an event of this type goes to; the array must not be changed. */
    ModuleChannel[] of(EventType type) {
        return byType[type.ordinal()];
    }

    /** Under the publish lock: the channel's listeners changed, so it now goes on the routes of the types they want. */
    void update(ModuleChannel channel) {
        EnumSet<EventType> wanted = EnumSet.noneOf(EventType.class);
        for (SubscriberEntry entry : channel.listeners()) {
            wanted.addAll(entry.types);
        }
        ModuleChannel[][] next = byType.clone();
        boolean changed = false;
        for (EventType type : EventType.values()) {
            ModuleChannel[] current = next[type.ordinal()];
            int at = Arrays.asList(current).indexOf(channel);
            if (wanted.contains(type) && at < 0) {
                ModuleChannel[] grown = Arrays.copyOf(current, current.length + 1);
                grown[current.length] = channel;
                next[type.ordinal()] = grown;
                changed = true;
            } else if (!wanted.contains(type) && at >= 0) {
                ModuleChannel[] shrunk = new ModuleChannel[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, at);
                System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
                next[type.ordinal()] = shrunk;
                changed = true;
            }
        }
        if (changed) {
            byType = next;
        }
    }

    /** The ids of the modules subscribed to a type, sorted. */
    List<String> moduleIds(EventType type) {
        List<String> ids = new ArrayList<>();
        for (ModuleChannel channel : of(type)) {
            ids.add(channel.moduleId);
        }
        ids.sort(null);
        return List.copyOf(ids);
    }
}
