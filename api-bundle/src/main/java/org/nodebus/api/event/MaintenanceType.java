package org.nodebus.api.event;

/**
 * The kind of maintenance run in {@link MaintenanceStarted} and {@link MaintenanceCompleted}.
 */
public enum MaintenanceType {
    /** A backup of node data. */
    BACKUP,
    /** Deleting old data. */
    CLEANUP,
    /** Pruning the block store. */
    PRUNE;
}
