package org.nodebus.api.event;

/**
 * A network message was received from a peer.
 *
 * @param peerAddr the peer's address
 * @param messageType the message type, e.g. {@code inv}
 * @param messageSize its size in bytes
 * @param protocolVersion the protocol version it was sent with
 */
public record MessageReceived(String peerAddr, String messageType, long messageSize, int protocolVersion) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public MessageReceived {
        Checks.id("MessageReceived.peerAddr", peerAddr);
        Checks.id("MessageReceived.messageType", messageType);
        Checks.notNegative("MessageReceived.messageSize", messageSize);
        Checks.notNegative("MessageReceived.protocolVersion", protocolVersion);
    }

    @Override
    public EventType type() {
        return EventType.MESSAGE_RECEIVED;
    }
}
