package org.nodebus.eventmanager.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.nodebus.api.EventSubscriber;
import org.nodebus.api.SubscriptionSpec;
import org.nodebus.api.event.EventCategory;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.delivery.Interest;
import org.nodebus.eventmanager.filter.PayloadFilter;
import org.nodebus.internal.config.ConfigSchema;

/**
 * Turns what a subscriber asks for into a checked {@link Interest}: a programmatic {@link SubscriptionSpec},
 * or a whiteboard subscriber's service properties ({@value EventSubscriber#EVENT_TYPES_PROPERTY},
 * {@value EventSubscriber#CATEGORIES_PROPERTY}, {@value EventSubscriber#FILTER_PROPERTY},
 * {@value EventSubscriber#HISTORY_PROPERTY}). Categories are resolved against the running API, so a type a
 * later API adds to a category is received too.
 */
final class SubscriberInterest {

    /**
     * A whiteboard subscriber's properties, read.
     *
     * @param interest what it is subscribed for, or empty when it cannot be (see errors)
     * @param unknown the type and category names that are neither, ignored
     * @param error why it cannot be subscribed, or empty
     */
    record Parsed(Optional<Interest> interest, List<String> unknown, Optional<String> error) {
    }

    private SubscriberInterest() {
    }

    /**
     * @throws IllegalArgumentException naming the module and what is wrong with the filter
     */
    static Interest of(String moduleId, SubscriptionSpec spec) {
        Set<EventType> types = spec.resolvedTypes();
        return new Interest(types, filter(moduleId, spec.filter(), types), spec.history());
    }

    private static Optional<PayloadFilter> filter(String moduleId, Optional<String> text, Set<EventType> types) {
        try {
            return text.map(f -> PayloadFilter.parse(f, types));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Module " + moduleId + " cannot subscribe: " + e.getMessage(), e);
        }
    }

    /** Reads a whiteboard subscriber's properties, given by name. */
    static Parsed of(String moduleId, Function<String, Object> properties) {
        List<String> unknown = new ArrayList<>();
        EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
        Object typeNames = properties.apply(EventSubscriber.EVENT_TYPES_PROPERTY);
        if (typeNames != null) {
            for (String name : ConfigSchema.strings(typeNames)) {
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
        }
        Object categoryNames = properties.apply(EventSubscriber.CATEGORIES_PROPERTY);
        if (categoryNames != null) {
            for (String name : ConfigSchema.strings(categoryNames)) {
                Optional<EventCategory> category = Arrays.stream(EventCategory.values())
                        .filter(c -> c.name().equals(name.strip().toUpperCase(Locale.ROOT))).findFirst();
                if (category.isEmpty()) {
                    unknown.add(name);
                    continue;
                }
                Arrays.stream(EventType.values()).filter(t -> t.category() == category.get()).forEach(types::add);
            }
        }
        if (types.isEmpty()) {
            return new Parsed(Optional.empty(), List.copyOf(unknown), Optional.empty());
        }
        Object history = properties.apply(EventSubscriber.HISTORY_PROPERTY);
        int events;
        try {
            events = history == null ? 0 : Integer.parseInt(String.valueOf(history).strip());
            if (events < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            return new Parsed(Optional.empty(), List.copyOf(unknown), Optional.of(EventSubscriber.HISTORY_PROPERTY
                    + " must be a whole number >= 0 but was '" + history + "'"));
        }
        Object filterText = properties.apply(EventSubscriber.FILTER_PROPERTY);
        Optional<String> text = Optional.ofNullable(filterText).map(String::valueOf).map(String::strip)
                .filter(f -> !f.isEmpty());
        try {
            return new Parsed(Optional.of(new Interest(types, text.map(f -> PayloadFilter.parse(f, types)), events)),
                    List.copyOf(unknown), Optional.empty());
        } catch (IllegalArgumentException e) {
            return new Parsed(Optional.empty(), List.copyOf(unknown), Optional.of(e.getMessage()));
        }
    }
}
