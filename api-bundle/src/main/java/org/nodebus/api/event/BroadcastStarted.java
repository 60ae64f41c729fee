package org.nodebus.api.event;

/**
 * A broadcast to peers started.
 *
 * @param messageType the message type
 * @param targetPeers how many peers it goes to
 */
public record BroadcastStarted(String messageType, int targetPeers) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public BroadcastStarted {
        Checks.id("BroadcastStarted.messageType", messageType);
        Checks.notNegative("BroadcastStarted.targetPeers", targetPeers);
    }

    @Override
    public EventType type() {
        return EventType.BROADCAST_STARTED;
    }
}
