package org.nodebus.api.event;

import java.util.Optional;

/**
 * A maintenance run started; modules may pause non-critical work.
 *
 * @param maintenanceType the kind of maintenance
 * @param estimatedDurationSeconds how long it is expected to take, if known
 */
public record MaintenanceStarted(MaintenanceType maintenanceType, Optional<Long> estimatedDurationSeconds) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public MaintenanceStarted {
        Checks.notNull("MaintenanceStarted.maintenanceType", maintenanceType);
        Checks.optionalNotNegative("MaintenanceStarted.estimatedDurationSeconds", estimatedDurationSeconds);
    }

    @Override
    public EventType type() {
        return EventType.MAINTENANCE_STARTED;
    }
}
