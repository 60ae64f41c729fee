package org.nodebus.api.event;

/**
 * The node finished shutting down.
 *
 * @param durationMs how long the shutdown took, in milliseconds
 */
public record NodeShutdownCompleted(long durationMs) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public NodeShutdownCompleted {
        Checks.notNegative("NodeShutdownCompleted.durationMs", durationMs);
    }

    @Override
    public EventType type() {
        return EventType.NODE_SHUTDOWN_COMPLETED;
    }
}
