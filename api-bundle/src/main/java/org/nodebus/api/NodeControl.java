package org.nodebus.api;

import java.time.Duration;

import org.nodebus.api.event.ShutdownReason;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Stops the node in order: the same sequence as {@code stop 0} in the shell or SIGTERM. Modules first get
 * NodeShutdown, then a high-urgency DataMaintenance flush, each awaited within the timeout; then the
 * modules are stopped and NodeShutdownCompleted is published; then the framework stops.
 *
 * @since 1.1
 */
@ProviderType
public interface NodeControl {

    /**
     * Starts the orderly shutdown and returns at once; the framework stops when the sequence is done.
     *
     * @param reason why the node stops, as modules will see it in NodeShutdown
     * @param timeout the longest the whole sequence waits for modules; at least one second
     * @throws IllegalArgumentException if the timeout is shorter than one second
     * @throws NullPointerException if an argument is {@code null}
     */
    void shutdown(ShutdownReason reason, Duration timeout);
}
