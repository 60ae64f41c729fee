package org.nodebus.api.event;

import java.util.Optional;

/**
 * A health check was performed.
 *
 * @param checkType what triggered it
 * @param nodeHealthy whether the node as a whole is healthy
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

    @Override
    public EventType type() {
        return EventType.HEALTH_CHECK;
    }
}
