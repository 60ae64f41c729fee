package org.nodebus.eventmanager.runtime;

import java.util.Objects;

import org.nodebus.eventmanager.delivery.DeliveryCore;
import org.nodebus.eventmanager.spi.DeliveryMonitor;
import org.nodebus.eventmanager.spi.DeliverySnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link DeliveryMonitor} one operator tool's bundle gets; its resets are logged with that bundle's name. */
final class OperatorMonitor implements DeliveryMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMonitor.class);

    private final DeliveryCore core;
    private final String tool;

    OperatorMonitor(DeliveryCore core, String tool) {
        this.core = core;
        this.tool = tool;
    }

    @Override
    public DeliverySnapshot snapshot() {
        return core.snapshot();
    }

    @Override
    public boolean resetStatistics(String moduleId) {
        Objects.requireNonNull(moduleId, "moduleId must not be null");
        boolean known = core.resetStats(moduleId);
        if (known) {
            LOG.info("Statistics of module {} reset by {}", moduleId, tool);
        }
        return known;
    }
}
