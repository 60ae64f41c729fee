package org.nodebus.api.event;

import java.util.List;

/**
 * The node finished starting: the framework is up and every module bundle has settled.
 *
 * @param durationMs milliseconds since the JVM started
 * @param components the ids of the loaded modules (an immutable copy)
 */
public record NodeStartupCompleted(long durationMs, List<String> components) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public NodeStartupCompleted {
        Checks.notNegative("NodeStartupCompleted.durationMs", durationMs);
        components = Checks.ids("NodeStartupCompleted.components", components);
    }

    @Override
    public EventType type() {
        return EventType.NODE_STARTUP_COMPLETED;
    }
}
