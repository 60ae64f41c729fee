package org.nodebus.api.event;

import java.util.Optional;

/**
 * Modules should flush and/or clean up their data. Critical (never dropped, delivered first) when the urgency is {@link Urgency#HIGH}.
 *
 * @param operation flush, clean up, or both
 * @param urgency how soon it must be done
 * @param reason why it was requested
 * @param targetAgeDays for a cleanup: delete data older than this many days
 * @param timeoutSeconds for urgent maintenance: how long modules have
 */
public record DataMaintenance(Operation operation, Urgency urgency, MaintenanceReason reason, Optional<Integer> targetAgeDays, Optional<Long> timeoutSeconds) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public DataMaintenance {
        Checks.notNull("DataMaintenance.operation", operation);
        Checks.notNull("DataMaintenance.urgency", urgency);
        Checks.notNull("DataMaintenance.reason", reason);
        Checks.optionalNotNegative("DataMaintenance.targetAgeDays", targetAgeDays);
        Checks.optionalNotNegative("DataMaintenance.timeoutSeconds", timeoutSeconds);
    }

    @Override
    public EventType type() {
        return EventType.DATA_MAINTENANCE;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isCritical() {
        return urgency == Urgency.HIGH;
    }
}
