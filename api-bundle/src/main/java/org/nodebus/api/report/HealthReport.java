package org.nodebus.api.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a health check found, carried as JSON in {@link org.nodebus.api.event.HealthCheck#healthReport()}.
 *
 * @param nodeHealthy whether the node as a whole is healthy, as in the event: every loaded module is HEALTHY
 *        (not DEGRADED, UNRESPONSIVE or CRASHED) and none dropped an event since the previous health check
 * @param modules each loaded module's report by module id, in the order the check listed them
 */
public record HealthReport(boolean nodeHealthy, Map<String, ModuleReport> modules) {

    /**
     * @throws NullPointerException if modules, a module id or a report is {@code null}
     */
    public HealthReport {
        Objects.requireNonNull(modules, "HealthReport.modules");
        modules.forEach((id, report) -> {
            Objects.requireNonNull(id, "HealthReport.modules: a module id");
            Objects.requireNonNull(report, "HealthReport.modules: the report of " + id);
        });
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }
}
