package org.nodebus.janitor.sequence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.nodebus.api.DeliveryStats;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.HealthCheck;
import org.nodebus.api.event.HealthCheckType;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.report.HealthReport;
import org.nodebus.api.report.ModuleReport;
import org.nodebus.api.report.Reports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One health check: every loaded module's health and delivery statistics as JSON. The node is healthy
 * unless a module is UNRESPONSIVE or CRASHED (a DEGRADED module still works, with failures).
 */
public final class HealthCheckRun {
    private static final Logger LOG = LoggerFactory.getLogger(HealthCheckRun.class);

    private final EventPublisher publisher;
    private final EventManager eventManager;

    public HealthCheckRun(EventPublisher publisher, EventManager eventManager) {
        this.publisher = publisher;
        this.eventManager = eventManager;
    }

    /** Builds the report, publishes HealthCheck and returns it. */
    public HealthCheck run(HealthCheckType type) {
        boolean healthy = true;
        Map<String, ModuleReport> modules = new LinkedHashMap<>();
        for (ModuleInfo module : eventManager.getLoadedModules()) {
            DeliveryStats stats = eventManager.getDeliveryStats(module.moduleId()).orElse(DeliveryStats.ZERO);
            modules.put(module.moduleId(), new ModuleReport(module.version(), module.health(), stats.successful(),
                    stats.failed(), stats.channelFull(), stats.queued()));
            if (module.health() == ModuleHealth.UNRESPONSIVE || module.health() == ModuleHealth.CRASHED) {
                healthy = false;
            }
        }
        HealthCheck check = new HealthCheck(type, healthy,
                Optional.of(Reports.toJson(new HealthReport(healthy, modules))));
        publisher.publish(check);
        LOG.info("Health check ({}): node {}; {} module(s)", type, healthy ? "healthy" : "UNHEALTHY", modules.size());
        return check;
    }
}
