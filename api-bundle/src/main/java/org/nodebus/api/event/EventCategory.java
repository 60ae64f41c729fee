package org.nodebus.api.event;

/**
 * The family an {@link EventType} belongs to.
 *
 * <p>The runtime categories ({@link #MODULE}, {@link #NODE}, {@link #MAINTENANCE}, {@link #RESOURCE})
 * are <em>reserved</em>: only the node itself (the EventManager and the node components named in its
 * configuration, by default the janitor) may publish them. Any module may publish the others.
 */
public enum EventCategory {
    /** Chain events: blocks, transactions, reorganisations. */
    CORE(false),
    /** Governance proposals, votes, merges and forks. */
    GOVERNANCE(false),
    /** Peers and messages on the network. */
    NETWORK(false),
    /** Module lifecycle, published by the EventManager. Reserved. */
    MODULE(true),
    /** Node startup and shutdown, published by the janitor. Reserved. */
    NODE(true),
    /** Data maintenance and health checks, published by the janitor. Reserved. */
    MAINTENANCE(true),
    /** Disk and resource warnings, published by the janitor. Reserved. */
    RESOURCE(true);

    private final boolean reserved;

    EventCategory(boolean reserved) {
        this.reserved = reserved;
    }

    /**
     * Whether events of this category are reserved to the runtime.
     *
     * @return {@code true} if only the node may publish events of this category
     */
    public boolean isReserved() {
        return reserved;
    }
}
