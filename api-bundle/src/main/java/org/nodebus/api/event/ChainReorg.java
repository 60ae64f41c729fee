package org.nodebus.api.event;

/**
 * The chain tip moved to another branch.
 *
 * @param oldTip the hash of the tip before
 * @param newTip the hash of the tip after
 */
public record ChainReorg(Hash32 oldTip, Hash32 newTip) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public ChainReorg {
        Checks.notNull("ChainReorg.oldTip", oldTip);
        Checks.notNull("ChainReorg.newTip", newTip);
    }

    @Override
    public EventType type() {
        return EventType.CHAIN_REORG;
    }
}
