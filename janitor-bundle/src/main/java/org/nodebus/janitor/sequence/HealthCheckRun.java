package org.nodebus.janitor.sequence;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
        // read the node first, then compare with the previous check under this object's monitor, which
        // guards only the previous counts: nothing is called while it is held
        List<ModuleInfo> loaded = eventManager.getLoadedModules();
        Map<String, DeliveryStats> now = new LinkedHashMap<>();
        Map<String, Integer> capacities = new HashMap<>();
        for (ModuleInfo module : loaded) {
            now.put(module.moduleId(), eventManager.getDeliveryStats(module.moduleId()).orElse(DeliveryStats.ZERO));
            capacities.put(module.moduleId(), eventManager.getQueueCapacity(module.moduleId()));
        }
        Map<String, ModuleReport> modules = new LinkedHashMap<>();
        synchronized (this) {
            for (ModuleInfo module : loaded) {
                DeliveryStats stats = now.get(module.moduleId());
                DeliveryStats before = previous.getOrDefault(module.moduleId(), DeliveryStats.ZERO);
                modules.put(module.moduleId(), new ModuleReport(module.version(), module.health(), stats.successful(),
                        stats.failed(), stats.channelFull(), stats.queued(), capacities.get(module.moduleId()),
                        since(stats.channelFull(), before.channelFull()), since(stats.failed(), before.failed())));
            }
            previous.clear();
            previous.putAll(now);
        }
        boolean healthy = modules.values().stream().allMatch(ModuleReport::isWell);
        HealthCheck check = new HealthCheck(type, healthy,
                Optional.of(Reports.toJson(new HealthReport(healthy, modules))));
        publisher.publish(check);
        LOG.info("Health check ({}): node {}; {} module(s)", type, healthy ? "healthy" : "UNHEALTHY", modules.size());
        return check;
    }

    /** A count since the previous check; a reset in between makes it smaller: then it counts from the reset. */
    private static long since(long now, long before) {
        return now >= before ? now - before : now;
    }
}
