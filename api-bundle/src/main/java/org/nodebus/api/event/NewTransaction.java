package org.nodebus.api.event;

/**
 * A transaction entered the mempool.
 *
 * @param txHash the transaction's hash
 */
public record NewTransaction(Hash32 txHash) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public NewTransaction {
        Checks.notNull("NewTransaction.txHash", txHash);
    }

    @Override
    public EventType type() {
        return EventType.NEW_TRANSACTION;
    }
}
