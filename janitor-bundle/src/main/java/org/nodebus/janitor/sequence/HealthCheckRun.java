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
        Map<String, Object> modules = new LinkedHashMap<>();
        for (ModuleInfo module : eventManager.getLoadedModules()) {
            DeliveryStats stats = eventManager.getDeliveryStats(module.moduleId()).orElse(DeliveryStats.ZERO);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("version", module.version());
            entry.put("health", module.health().name());
            entry.put("successful", stats.successful());
            entry.put("failed", stats.failed());
            entry.put("channelFull", stats.channelFull());
            entry.put("queued", stats.queued());
            modules.put(module.moduleId(), entry);
            if (module.health() == ModuleHealth.UNRESPONSIVE || module.health() == ModuleHealth.CRASHED) {
                healthy = false;
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("nodeHealthy", healthy);
        report.put("modules", modules);
        HealthCheck check = new HealthCheck(type, healthy, Optional.of(Json.write(report)));
        publisher.publish(check);
        LOG.info("Health check ({}): node {}; {} module(s)", type, healthy ? "healthy" : "UNHEALTHY", modules.size());
        return check;
    }
}
