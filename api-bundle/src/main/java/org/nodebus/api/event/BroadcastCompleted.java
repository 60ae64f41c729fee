package org.nodebus.api.event;

/**
 * A broadcast to peers completed.
 *
 * @param messageType the message type
 * @param successful peers it reached
 * @param failed peers it did not reach
 */
public record BroadcastCompleted(String messageType, int successful, int failed) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public BroadcastCompleted {
        Checks.id("BroadcastCompleted.messageType", messageType);
        Checks.notNegative("BroadcastCompleted.successful", successful);
        Checks.notNegative("BroadcastCompleted.failed", failed);
    }

    @Override
    public EventType type() {
        return EventType.BROADCAST_COMPLETED;
    }
}
