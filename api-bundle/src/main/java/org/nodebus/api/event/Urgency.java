package org.nodebus.api.event;

/**
 * How soon a {@link DataMaintenance} must be done.
 */
public enum Urgency {
    /** Periodic: may be done in the background. */
    LOW,
    /** Scheduled: should complete soon. */
    MEDIUM,
    /** Shutdown or low disk: must complete within the timeout. Such events are critical. */
    HIGH;
}
