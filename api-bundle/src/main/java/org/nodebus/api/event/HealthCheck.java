package org.nodebus.api.event;

import java.util.Optional;

import org.nodebus.api.report.HealthReport;
import org.nodebus.api.report.Reports;

/**
 * A health check was performed.
 *
 * @param checkType what triggered it
 * @param nodeHealthy whether the node as a whole is healthy: every loaded module is HEALTHY (none DEGRADED,
 *        UNRESPONSIVE or CRASHED) and none dropped an event since the previous health check
 * @param healthReport a JSON report with each module's health and delivery statistics, if any
 */
public record HealthCheck(HealthCheckType checkType, boolean nodeHealthy, Optional<String> healthReport) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public HealthCheck {
        Checks.notNull("HealthCheck.checkType", checkType);
        Checks.optionalText("HealthCheck.healthReport", healthReport, Checks.JSON_MAX);
    }

    /**
     * The health report, typed.
     *
     * @return the report, or empty if the check carries none
     * @throws IllegalArgumentException if {@link #healthReport()} is not a health report
     */
    public Optional<HealthReport> report() {
        return healthReport.map(Reports::healthReport);
    }

    @Override
    public EventType type() {
        return EventType.HEALTH_CHECK;
    }
}
