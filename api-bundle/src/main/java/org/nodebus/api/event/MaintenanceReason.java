package org.nodebus.api.event;

/**
 * Why a {@link DataMaintenance} was requested.
 */
public enum MaintenanceReason {
    /** The periodic maintenance schedule. */
    PERIODIC,
    /** The node is shutting down. */
    SHUTDOWN,
    /** The data disk is low on free space. */
    LOW_DISK,
    /** An operator asked for it. */
    MANUAL;
}
