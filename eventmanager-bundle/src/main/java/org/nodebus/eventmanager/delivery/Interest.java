package org.nodebus.eventmanager.delivery;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.filter.PayloadFilter;

/**
 * What one listener asks for, checked: the types (categories already resolved), its filter, and how many
 * events of its history it gets first.
 *
 * @param types at least one type
 * @param filter the filter, checked against the types
 * @param history events of the history asked for (the core gives at most its configured limit)
 */
public record Interest(Set<EventType> types, Optional<PayloadFilter> filter, int history) {

    public Interest {
        types = Set.copyOf(types);
        Objects.requireNonNull(filter, "filter");
        if (history < 0) {
            throw new IllegalArgumentException("history must be >= 0 but was " + history);
        }
    }

    /** Every event of the types, no history. */
    public static Interest of(Set<EventType> types) {
        return new Interest(types, Optional.empty(), 0);
    }
}
