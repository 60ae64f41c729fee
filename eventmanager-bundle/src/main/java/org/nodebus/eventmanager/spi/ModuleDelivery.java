package org.nodebus.eventmanager.spi;

import java.util.Objects;

import org.nodebus.api.DeliveryStats;
import org.nodebus.api.event.ModuleHealth;

/**
 * One module's delivery.
 *
 * @param moduleId the module id (Bundle-SymbolicName)
 * @param bundleId the bundle that subscribed last under this id
 * @param sinceReset its statistics since its last reset, as {@code EventManager.getDeliveryStats} gives them
 * @param total its running totals since it first subscribed: they never go back (Prometheus counters)
 * @param queueCapacity how many events its queue holds
 * @param health its health now
 * @param consecutiveFailures listener failures in a row (0 after a success)
 * @param listenerTime the time its listeners took
 */
public record ModuleDelivery(String moduleId, long bundleId, DeliveryStats sinceReset, DeliveryStats total,
        int queueCapacity, ModuleHealth health, long consecutiveFailures, ListenerTime listenerTime) {

    /** Checks that nothing is {@code null}. */
    public ModuleDelivery {
        Objects.requireNonNull(moduleId, "ModuleDelivery.moduleId must not be null");
        Objects.requireNonNull(sinceReset, "ModuleDelivery.sinceReset must not be null");
        Objects.requireNonNull(total, "ModuleDelivery.total must not be null");
        Objects.requireNonNull(health, "ModuleDelivery.health must not be null");
        Objects.requireNonNull(listenerTime, "ModuleDelivery.listenerTime must not be null");
    }
}
