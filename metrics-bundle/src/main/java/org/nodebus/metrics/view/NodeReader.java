package org.nodebus.metrics.view;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.nodebus.api.EventManager;
import org.nodebus.eventmanager.spi.DeliveryMonitor;
import org.nodebus.eventmanager.spi.DeliverySnapshot;
import org.nodebus.eventmanager.spi.ModuleDelivery;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Reads the node for the Prometheus endpoint, the MBeans and the Web Console page: one
 * {@link DeliveryMonitor#snapshot()} plus the loaded modules, bundle versions and uptime. Holds no lock and
 * no state; each read is a fresh snapshot. Each component of this bundle makes its own from its references
 * (it is not a service: nothing of this bundle is reachable by others but its servlets).
 */
public final class NodeReader {
    private final DeliveryMonitor monitor;
    private final EventManager eventManager;
    private final BundleContext context;

    /**
     * @param monitor the EventManager's delivery monitor
     * @param eventManager the EventManager, for the loaded modules
     * @param context this bundle's context, for the modules' bundle versions
     */
    public NodeReader(DeliveryMonitor monitor, EventManager eventManager, BundleContext context) {
        this.monitor = monitor;
        this.eventManager = eventManager;
        this.context = context;
    }

    /**
     * Reads the node now.
     *
     * @return the view
     */
    public NodeView read() {
        DeliverySnapshot delivery = monitor.snapshot();
        Map<String, String> versions = new HashMap<>();
        for (ModuleDelivery module : delivery.modules()) {
            Bundle bundle = context.getBundle(module.bundleId());
            if (bundle != null) {
                versions.put(module.moduleId(), bundle.getVersion().toString());
            }
        }
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / (double) TimeUnit.SECONDS.toMillis(1);
        return new NodeView(delivery, eventManager.getLoadedModules().size(), versions, uptime,
                eventManager.getDurableSubscriptions());
    }

    /**
     * The operator's reset of one module's statistics.
     *
     * @param moduleId the module
     * @return false if no such module subscribed
     */
    public boolean resetStatistics(String moduleId) {
        return monitor.resetStatistics(moduleId);
    }
}
