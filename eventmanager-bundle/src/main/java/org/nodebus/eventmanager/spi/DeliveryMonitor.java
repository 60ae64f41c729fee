package org.nodebus.eventmanager.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the EventManager shows operator tools: a snapshot of delivery, and the operator's reset of one
 * module's statistics. One service, registered by the EventManager bundle.
 */
@ProviderType
public interface DeliveryMonitor {

    /**
     * Reads every module's channel and the node's counters now. Each figure is exact at a quiet moment;
     * while events flow, each is a recent value (the figures are not read atomically with each other).
     *
     * @return the snapshot, modules sorted by id
     */
    DeliverySnapshot snapshot();

    /**
     * Zeroes a module's statistics as {@code nodebus:reset} does (the running totals in
     * {@link ModuleDelivery#total()} go on counting). Unlike {@code EventManager.resetDeliveryStats}, which a
     * module may call only for itself, this is the operator's reset of any module.
     *
     * @param moduleId the module
     * @return false if no module of that id has subscribed
     */
    boolean resetStatistics(String moduleId);
}
