package org.nodebus.metrics.view;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.nodebus.api.DurableInfo;
import org.nodebus.eventmanager.spi.DeliverySnapshot;
import org.nodebus.eventmanager.spi.ModuleDelivery;

/**
 * What every operator tool of this bundle shows: the EventManager's delivery snapshot and the few facts
 * about the node it does not hold.
 *
 * @param delivery the delivery snapshot
 * @param modulesLoaded the modules announced with ModuleLoaded and not unloaded since
 * @param versions each subscribed module's bundle version, by module id
 * @param uptimeSeconds how long the JVM of the node has run
 * @param durables the durable subscriptions, active or not
 */
public record NodeView(DeliverySnapshot delivery, int modulesLoaded, Map<String, String> versions,
        double uptimeSeconds, java.util.List<DurableInfo> durables) {

    /** Checks the fields and makes the map and list immutable. */
    public NodeView {
        Objects.requireNonNull(delivery, "NodeView.delivery must not be null");
        versions = Map.copyOf(versions);
        durables = java.util.List.copyOf(durables);
    }

    /** A node without durable subscriptions. */
    public NodeView(DeliverySnapshot delivery, int modulesLoaded, Map<String, String> versions, double uptimeSeconds) {
        this(delivery, modulesLoaded, versions, uptimeSeconds, java.util.List.of());
    }

    /**
     * One module's figures.
     *
     * @param moduleId the module
     * @return its figures, or empty once it is gone
     */
    public Optional<ModuleDelivery> module(String moduleId) {
        return delivery.module(moduleId);
    }

    /**
     * A module's bundle version.
     *
     * @param moduleId the module
     * @return its version, or "" if its bundle is gone
     */
    public String version(String moduleId) {
        return versions.getOrDefault(moduleId, "");
    }
}
