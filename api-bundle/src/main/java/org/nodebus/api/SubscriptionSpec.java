package org.nodebus.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.nodebus.api.event.EventCategory;
import org.nodebus.api.event.EventType;

/**
 * What a programmatic subscription asks for, as {@link SubscribeTo} does for a whiteboard subscriber: event
 * types, categories, a filter over the payload's fields and a history.
 *
 * <pre>{@code
 * eventManager.subscribe(SubscriptionSpec.of(EventType.MESSAGE_RECEIVED)
 *         .withFilter("(&(messageType=inv)(messageSize>=1000))")
 *         .withHistory(10), listener);
 * }</pre>
 *
 * @param types the event types
 * @param categories categories whose every type is received, including types a later API adds
 * @param filter an LDAP filter over the payload's fields (see {@link SubscribeTo#filter()}), or empty
 * @param history how many of the latest matching events are delivered first, as replays; 0 for none
 * @since 1.2
 */
public record SubscriptionSpec(Set<EventType> types, Set<EventCategory> categories, Optional<String> filter,
        int history) {

    /**
     * Checks the values; what depends on the node (the filter's syntax and fields, the history's bound) is
     * checked when subscribing.
     *
     * @throws NullPointerException if a value is {@code null}
     * @throws IllegalArgumentException if there is neither a type nor a category, or history is negative
     */
    public SubscriptionSpec {
        types = Set.copyOf(Objects.requireNonNull(types, "SubscriptionSpec.types must not be null"));
        categories = Set.copyOf(Objects.requireNonNull(categories, "SubscriptionSpec.categories must not be null"));
        Objects.requireNonNull(filter, "SubscriptionSpec.filter must not be null (Optional.empty() for none)");
        filter = filter.map(String::strip).filter(f -> !f.isEmpty());
        if (types.isEmpty() && categories.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one event type or category; types are "
                    + Arrays.toString(EventType.values()) + ", categories " + Arrays.toString(EventCategory.values()));
        }
        if (history < 0) {
            throw new IllegalArgumentException("SubscriptionSpec.history must be >= 0 but was " + history);
        }
    }

    /**
     * A subscription to these types, without filter or history.
     *
     * @param first a type
     * @param more more types
     * @return the spec
     */
    public static SubscriptionSpec of(EventType first, EventType... more) {
        return new SubscriptionSpec(EnumSet.of(first, more), Set.of(), Optional.empty(), 0);
    }

    /**
     * A subscription to these types, without filter or history.
     *
     * @param types at least one type
     * @return the spec
     */
    public static SubscriptionSpec of(Set<EventType> types) {
        return new SubscriptionSpec(types, Set.of(), Optional.empty(), 0);
    }

    /**
     * A subscription to every type of these categories, without filter or history.
     *
     * @param first a category
     * @param more more categories
     * @return the spec
     */
    public static SubscriptionSpec ofCategories(EventCategory first, EventCategory... more) {
        return new SubscriptionSpec(Set.of(), EnumSet.of(first, more), Optional.empty(), 0);
    }

    /**
     * This spec with these categories too.
     *
     * @param more the categories to add
     * @return a new spec
     */
    public SubscriptionSpec withCategories(EventCategory... more) {
        EnumSet<EventCategory> all = EnumSet.noneOf(EventCategory.class);
        all.addAll(categories);
        all.addAll(Arrays.asList(more));
        return new SubscriptionSpec(types, all, filter, history);
    }

    /**
     * This spec with a filter.
     *
     * @param ldapFilter an LDAP filter over the payload's fields, such as {@code (height>=800000)}; blank for
     *        none
     * @return a new spec
     */
    public SubscriptionSpec withFilter(String ldapFilter) {
        return new SubscriptionSpec(types, categories, Optional.ofNullable(ldapFilter), history);
    }

    /**
     * This spec with a history.
     *
     * @param events how many of the latest matching events to deliver first
     * @return a new spec
     */
    public SubscriptionSpec withHistory(int events) {
        return new SubscriptionSpec(types, categories, filter, events);
    }

    /**
     * Every type this spec receives on the running node: its types and those of its categories.
     *
     * @return an immutable set
     */
    public Set<EventType> resolvedTypes() {
        EnumSet<EventType> all = EnumSet.noneOf(EventType.class);
        all.addAll(types);
        for (EventType type : EventType.values()) {
            if (categories.contains(type.category())) {
                all.add(type);
            }
        }
        return Set.copyOf(all);
    }
}
