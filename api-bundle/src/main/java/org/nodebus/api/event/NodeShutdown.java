package org.nodebus.api.event;

/**
 * The node is shutting down: save state, close connections, flush data within the timeout. Critical: never dropped for a full queue.
 *
 * @param reason why the node shuts down
 * @param timeoutSeconds how long modules have to finish
 */
public record NodeShutdown(ShutdownReason reason, long timeoutSeconds) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public NodeShutdown {
        Checks.notNull("NodeShutdown.reason", reason);
        Checks.notNegative("NodeShutdown.timeoutSeconds", timeoutSeconds);
    }

    @Override
    public EventType type() {
        return EventType.NODE_SHUTDOWN;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isCritical() {
        return true;
    }
}
