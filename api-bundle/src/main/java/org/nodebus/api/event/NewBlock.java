package org.nodebus.api.event;

/**
 * A block was connected to the chain.
 *
 * @param blockHash the block's hash
 * @param height its height, 0 for the genesis block
 */
public record NewBlock(Hash32 blockHash, long height) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public NewBlock {
        Checks.notNull("NewBlock.blockHash", blockHash);
        Checks.notNegative("NewBlock.height", height);
    }

    @Override
    public EventType type() {
        return EventType.NEW_BLOCK;
    }
}
