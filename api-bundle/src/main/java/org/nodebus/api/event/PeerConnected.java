package org.nodebus.api.event;

import java.util.Optional;

/**
 * A peer connected.
 *
 * @param peerAddr the peer's address, e.g. {@code 203.0.113.5:8333}
 * @param transportType the transport, e.g. {@code tcp} or {@code quic}
 * @param services the service bits the peer announced
 * @param protocolVersion the peer's protocol version
 * @param peerNodeId the peer's node id, if it told one
 */
public record PeerConnected(String peerAddr, String transportType, long services, int protocolVersion, Optional<String> peerNodeId) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public PeerConnected {
        Checks.id("PeerConnected.peerAddr", peerAddr);
        Checks.id("PeerConnected.transportType", transportType);
        Checks.notNegative("PeerConnected.protocolVersion", protocolVersion);
        Checks.optionalText("PeerConnected.peerNodeId", peerNodeId, Checks.ID_MAX);
    }

    /**
     * The same event with the peer's node id unknown.
     *
     * @param peerAddr the peer's address
     * @param transportType the transport
     * @param services the service bits
     * @param protocolVersion the protocol version
     */
    public PeerConnected(String peerAddr, String transportType, long services, int protocolVersion) {
        this(peerAddr, transportType, services, protocolVersion, Optional.empty());
    }

    @Override
    public EventType type() {
        return EventType.PEER_CONNECTED;
    }
}
