package org.nodebus.api.event;

/**
 * What a {@link DataMaintenance} event asks modules to do.
 */
public enum Operation {
    /** Write pending data to disk. */
    FLUSH,
    /** Delete data older than the target age. */
    CLEANUP,
    /** Flush, then clean up. */
    BOTH;
}
