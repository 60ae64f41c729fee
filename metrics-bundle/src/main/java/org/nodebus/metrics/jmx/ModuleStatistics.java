package org.nodebus.metrics.jmx;

import java.util.function.Predicate;

import org.nodebus.api.DeliveryStats;
import org.nodebus.eventmanager.spi.ModuleDelivery;

/** One module's MBean; once the module is gone (and before the MBean is removed) it shows its last figures. */
final class ModuleStatistics implements ModuleStatisticsMXBean {
    private final String moduleId;
    private final FreshView view;
    private final Predicate<String> reset;
    private volatile ModuleDelivery lastSeen;
    private volatile String version;

    ModuleStatistics(ModuleDelivery first, String version, FreshView view, Predicate<String> reset) {
        this.moduleId = first.moduleId();
        this.lastSeen = first;
        this.version = version;
        this.view = view;
        this.reset = reset;
    }

    private ModuleDelivery now() {
        var node = view.get();
        node.module(moduleId).ifPresent(m -> {
            lastSeen = m;
            version = node.version(moduleId);
        });
        return lastSeen;
    }

    private DeliveryStats sinceReset() {
        return now().sinceReset();
    }

    private DeliveryStats total() {
        return now().total();
    }

    @Override
    public String getModuleId() {
        return moduleId;
    }

    @Override
    public long getBundleId() {
        return now().bundleId();
    }

    @Override
    public String getVersion() {
        now();
        return version;
    }

    @Override
    public String getHealth() {
        return now().health().name();
    }

    @Override
    public long getOffered() {
        return sinceReset().offered();
    }

    @Override
    public long getHandled() {
        return sinceReset().successful();
    }

    @Override
    public long getFailed() {
        return sinceReset().failed();
    }

    @Override
    public long getDropped() {
        return sinceReset().channelFull();
    }

    @Override
    public long getFiltered() {
        return sinceReset().filtered();
    }

    @Override
    public long getOfferedTotal() {
        return total().offered();
    }

    @Override
    public long getHandledTotal() {
        return total().successful();
    }

    @Override
    public long getFailedTotal() {
        return total().failed();
    }

    @Override
    public long getDroppedTotal() {
        return total().channelFull();
    }

    @Override
    public long getFilteredTotal() {
        return total().filtered();
    }

    @Override
    public int getQueueDepth() {
        return total().queued();
    }

    @Override
    public int getQueueCapacity() {
        return now().queueCapacity();
    }

    @Override
    public long getConsecutiveFailures() {
        return now().consecutiveFailures();
    }

    @Override
    public long getListenerEvents() {
        return now().listenerTime().events();
    }

    @Override
    public double getListenerSecondsTotal() {
        return now().listenerTime().totalSeconds();
    }

    @Override
    public double getListenerSecondsMax() {
        return now().listenerTime().recentMaxSeconds();
    }

    @Override
    public void resetStatistics() {
        if (!reset.test(moduleId)) {
            throw new IllegalStateException("Module " + moduleId + " is gone; nothing to reset");
        }
        view.invalidate();
    }
}
