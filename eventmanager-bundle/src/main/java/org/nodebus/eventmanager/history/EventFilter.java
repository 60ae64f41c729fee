package org.nodebus.eventmanager.history;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.nodebus.api.Event;
import org.nodebus.api.event.EventCategory;
import org.nodebus.api.event.EventType;

/**
 * Which events {@code nodebus:events} shows: the types and categories named (all if none), and the
 * publisher if one is named.
 *
 * @param types the event types shown
 * @param publisher the publisher shown, or empty for any
 */
public record EventFilter(Set<EventType> types, String publisher) implements Predicate<Event> {

    public EventFilter {
        types = Set.copyOf(types);
    }

    /**
     * @param names event types (NewBlock, NEW_BLOCK) or categories (CORE, MODULE, ...); none means all
     * @param publisher a module id or {@code node}; blank for any
     * @throws IllegalArgumentException naming the unknown word and the valid ones
     */
    public static EventFilter of(List<String> names, String publisher) {
        Set<EventType> types = names.isEmpty() ? EnumSet.allOf(EventType.class) : EnumSet.noneOf(EventType.class);
        for (String name : names) {
            EventCategory category = category(name);
            if (category != null) {
                Arrays.stream(EventType.values()).filter(t -> t.category() == category).forEach(types::add);
                continue;
            }
            try {
                types.add(EventType.parse(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + name + "' is neither an event type nor a category; categories "
                        + "are: " + Arrays.stream(EventCategory.values()).map(Enum::name).collect(Collectors.joining(", "))
                        + "; types are: " + Arrays.stream(EventType.values()).map(EventType::eventName)
                                .collect(Collectors.joining(", ")));
            }
        }
        return new EventFilter(types, publisher == null ? "" : publisher.strip());
    }

    private static EventCategory category(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(EventCategory.values()).filter(c -> c.name().equals(upper)).findFirst().orElse(null);
    }

    @Override
    public boolean test(Event event) {
        return types.contains(event.type()) && (publisher.isEmpty() || publisher.equals(event.publisher()));
    }
}
