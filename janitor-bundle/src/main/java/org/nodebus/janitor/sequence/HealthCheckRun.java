package org.nodebus.janitor.sequence;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.nodebus.api.DeliveryStats;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.HealthCheck;
import org.nodebus.api.event.HealthCheckType;
import org.nodebus.api.report.HealthReport;
import org.nodebus.api.report.ModuleReport;
import org.nodebus.api.report.Reports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One health check: every loaded module's health and delivery statistics as JSON. The node is healthy
 * when every loaded module is HEALTHY (none DEGRADED, UNRESPONSIVE or CRASHED) and none dropped an event
 * since the previous check; drops and failures are counted from check to check.
 */
public final class HealthCheckRun {
    private static final Logger LOG = LoggerFactory.getLogger(HealthCheckRun.class);

    private final EventPublisher publisher;
    private final EventManager eventManager;
    /** guarded by this: each module's drop and failure counts at the previous check */
    private final Map<String, DeliveryStats> previous = new HashMap<>();

    public HealthCheckRun(EventPublisher publisher, EventManager eventManager) {
        this.publisher = publisher;
        this.eventManager = eventManager;
    }

    /** Builds the report, publishes HealthCheck and returns it. */
    public HealthCheck run(HealthCheckType type) {
        Map<String, ModuleReport> modules = report();
        boolean healthy = modules.values().stream().allMatch(ModuleReport::isWell);
        HealthCheck check = new HealthCheck(type, healthy,
                Optional.of(Reports.toJson(new HealthReport(healthy, modules))));
        publisher.publish(check);
        LOG.info("Health check ({}): node {}; {} module(s)", type, healthy ? "healthy" : "UNHEALTHY", modules.size());
        return check;
    }

    /**
     * Reads every module and compares with the previous check. Two checks (the periodic one and the shell's)
     * must not interleave here, or an older reading would replace a newer one: this object's monitor guards
     * the previous counts and the reading, which only reads the EventManager and publishes nothing.
     */
    private synchronized Map<String, ModuleReport> report() {
        Map<String, ModuleReport> modules = new LinkedHashMap<>();
        Map<String, DeliveryStats> now = new HashMap<>();
        for (ModuleInfo module : eventManager.getLoadedModules()) {
            String id = module.moduleId();
            DeliveryStats stats = eventManager.getDeliveryStats(id).orElse(DeliveryStats.ZERO);
            DeliveryStats before = previous.getOrDefault(id, DeliveryStats.ZERO);
            modules.put(id, new ModuleReport(module.version(), module.health(), stats.successful(), stats.failed(),
                    stats.channelFull(), stats.queued(), eventManager.getQueueCapacity(id),
                    since(stats.channelFull(), before.channelFull()), since(stats.failed(), before.failed())));
            now.put(id, stats);
        }
        previous.clear();
        previous.putAll(now);
        return modules;
    }

    /** A count since the previous check; a reset in between makes it smaller: then it counts from the reset. */
    private static long since(long now, long before) {
        return now >= before ? now - before : now;
    }
}
