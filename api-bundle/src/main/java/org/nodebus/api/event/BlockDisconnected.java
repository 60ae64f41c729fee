package org.nodebus.api.event;

/**
 * A block was disconnected from the chain during a reorganisation.
 *
 * @param blockHash the block's hash
 * @param height its height
 */
public record BlockDisconnected(Hash32 blockHash, long height) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public BlockDisconnected {
        Checks.notNull("BlockDisconnected.blockHash", blockHash);
        Checks.notNegative("BlockDisconnected.height", height);
    }

    @Override
    public EventType type() {
        return EventType.BLOCK_DISCONNECTED;
    }
}
