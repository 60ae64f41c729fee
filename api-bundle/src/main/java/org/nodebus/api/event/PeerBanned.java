package org.nodebus.api.event;

/**
 * A peer was banned.
 *
 * @param peerAddr the peer's address
 * @param reason why
 * @param banDurationSeconds how long the ban lasts, in seconds
 */
public record PeerBanned(String peerAddr, String reason, long banDurationSeconds) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public PeerBanned {
        Checks.id("PeerBanned.peerAddr", peerAddr);
        Checks.text("PeerBanned.reason", reason);
        Checks.notNegative("PeerBanned.banDurationSeconds", banDurationSeconds);
    }

    @Override
    public EventType type() {
        return EventType.PEER_BANNED;
    }
}
