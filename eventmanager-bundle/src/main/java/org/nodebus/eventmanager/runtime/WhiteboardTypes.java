package org.nodebus.eventmanager.runtime;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.nodebus.api.EventSubscriber;
import org.nodebus.api.event.EventType;
import org.nodebus.internal.config.ConfigSchema;

/** Reads the event types a whiteboard subscriber asks for from its service property. */
final class WhiteboardTypes {

    /**
     * The types named, and the names that are no type.
     *
     * @param types the valid types
     * @param unknown the names refused
     */
    record Parsed(Set<EventType> types, List<String> unknown) {
    }

    private WhiteboardTypes() {
    }

    /**
     * Parses the {@value EventSubscriber#EVENT_TYPES_PROPERTY} property: names as {@link EventType#parse}
     * accepts them, or {@code *} for every type.
     */
    static Parsed parse(Object property) {
        EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
        if (property == null) {
            return new Parsed(types, List.of());
        }
        List<String> unknown = new java.util.ArrayList<>();
        for (String name : ConfigSchema.strings(property)) {
            if (name.equals("*")) {
                types.addAll(EnumSet.allOf(EventType.class));
                continue;
            }
            try {
                types.add(EventType.parse(name));
            } catch (IllegalArgumentException e) {
                unknown.add(name);
            }
        }
        return new Parsed(types, List.copyOf(unknown));
    }
}
