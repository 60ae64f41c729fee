package org.nodebus.api.event;

/**
 * The resource a {@link ResourceLimitWarning} is about.
 */
public enum ResourceType {
    /** Heap memory. */
    MEMORY,
    /** Process CPU load. */
    CPU,
    /** Disk space of the node's data directory. */
    DISK,
    /** Network bandwidth or connections. */
    NETWORK;
}
