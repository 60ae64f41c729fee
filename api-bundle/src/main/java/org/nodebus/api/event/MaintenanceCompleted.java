package org.nodebus.api.event;

import java.util.Optional;

import org.nodebus.api.report.MaintenanceResults;
import org.nodebus.api.report.Reports;

/**
 * A maintenance run completed.
 *
 * @param maintenanceType the kind of maintenance
 * @param success whether every module finished it
 * @param durationMs how long it took, in milliseconds
 * @param results a JSON document with each module's outcome, if any
 */
public record MaintenanceCompleted(MaintenanceType maintenanceType, boolean success, long durationMs, Optional<String> results) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public MaintenanceCompleted {
        Checks.notNull("MaintenanceCompleted.maintenanceType", maintenanceType);
        Checks.notNegative("MaintenanceCompleted.durationMs", durationMs);
        Checks.optionalText("MaintenanceCompleted.results", results, Checks.JSON_MAX);
    }

    /**
     * Each module's outcome, typed.
     *
     * @return the results, or empty if the event carries none
     * @throws IllegalArgumentException if {@link #results()} is not maintenance results
     */
    public Optional<MaintenanceResults> moduleResults() {
        return results.map(Reports::maintenanceResults);
    }

    @Override
    public EventType type() {
        return EventType.MAINTENANCE_COMPLETED;
    }
}
