package org.nodebus.api.event;

/**
 * What triggered a {@link HealthCheck}.
 */
public enum HealthCheckType {
    /** The periodic health schedule. */
    PERIODIC,
    /** An operator asked for it. */
    MANUAL,
    /** The node just started. */
    STARTUP;
}
