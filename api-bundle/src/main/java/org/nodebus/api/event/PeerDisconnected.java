package org.nodebus.api.event;

/**
 * A peer disconnected.
 *
 * @param peerAddr the peer's address
 * @param reason why
 */
public record PeerDisconnected(String peerAddr, String reason) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public PeerDisconnected {
        Checks.id("PeerDisconnected.peerAddr", peerAddr);
        Checks.text("PeerDisconnected.reason", reason);
    }

    @Override
    public EventType type() {
        return EventType.PEER_DISCONNECTED;
    }
}
