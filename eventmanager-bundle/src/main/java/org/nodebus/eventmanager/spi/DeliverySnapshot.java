package org.nodebus.eventmanager.spi;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.NodeStartupCompleted;

/**
 * Delivery on the node at one moment.
 *
 * @param takenAt when it was read
 * @param publishedByType events published per type since the EventManager started (every type, zeros
 *        included; replays of lifecycle events to new subscribers are not publications)
 * @param threads the delivery pool
 * @param modules every module that has subscribed and is still installed, sorted by id
 * @param lifecycleEvents the node's latest lifecycle events (module and node categories), oldest first
 * @param startup the node's NodeStartupCompleted, once it was published
 */
public record DeliverySnapshot(Instant takenAt, Map<EventType, Long> publishedByType, DeliveryThreads threads,
        List<ModuleDelivery> modules, List<Event> lifecycleEvents, Optional<NodeStartupCompleted> startup) {

    /** Checks the fields and makes the collections immutable. */
    public DeliverySnapshot {
        Objects.requireNonNull(takenAt, "DeliverySnapshot.takenAt must not be null");
        Objects.requireNonNull(threads, "DeliverySnapshot.threads must not be null");
        Objects.requireNonNull(startup, "DeliverySnapshot.startup must not be null");
        publishedByType = Map.copyOf(new EnumMap<>(publishedByType));
        modules = List.copyOf(modules);
        lifecycleEvents = List.copyOf(lifecycleEvents);
    }

    /**
     * Every publish call since the EventManager started.
     *
     * @return the sum of {@link #publishedByType()}
     */
    public long publishCalls() {
        return publishedByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One module's figures.
     *
     * @param moduleId the module id
     * @return its figures, or empty if it has not subscribed
     */
    public Optional<ModuleDelivery> module(String moduleId) {
        return modules.stream().filter(m -> m.moduleId().equals(moduleId)).findFirst();
    }
}
