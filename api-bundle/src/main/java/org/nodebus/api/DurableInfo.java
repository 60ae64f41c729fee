package org.nodebus.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.nodebus.api.event.EventType;

/**
 * A durable subscription as the journal knows it.
 *
 * @param moduleId the module it belongs to
 * @param name its name within the module
 * @param types the event types it journals
 * @param filter the filter its events must match, or empty
 * @param active whether a listener receives its events now
 * @param position the sequence number of the last event its listener finished, 0 before the first
 * @param lag journaled events of its types after its position: what it has still to receive
 * @param delivered events delivered to it from the journal since the node started
 * @param lost events of its types it lost, ever: fallen off the journal's retention before it read them, or
 *        not written because the journal could not keep up or the disk failed
 * @since 1.2
 */
public record DurableInfo(String moduleId, String name, Set<EventType> types, Optional<String> filter,
        boolean active, long position, long lag, long delivered, long lost) {

    /**
     * Checks the values.
     *
     * @throws NullPointerException if a value is {@code null}
     */
    public DurableInfo {
        Objects.requireNonNull(moduleId, "DurableInfo.moduleId must not be null");
        Objects.requireNonNull(name, "DurableInfo.name must not be null");
        types = Set.copyOf(types);
        Objects.requireNonNull(filter, "DurableInfo.filter must not be null");
    }
}
