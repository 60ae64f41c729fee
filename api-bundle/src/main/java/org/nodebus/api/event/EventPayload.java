package org.nodebus.api.event;

/**
 * What an event carries: one immutable record per {@link EventType}. The set is closed (sealed), so a
 * {@code switch} over a payload can be exhaustive, and every record knows its own type, so type and
 * payload can never disagree.
 *
 * <pre>{@code
 * if (event.payload() instanceof NewBlock block) {
 *     log.info("block {} at height {}", block.blockHash(), block.height());
 * }
 * }</pre>
 */
public sealed interface EventPayload permits NewBlock, NewTransaction, BlockDisconnected, ChainReorg,
        GovernanceProposalCreated, GovernanceProposalVoted, GovernanceProposalMerged, GovernanceForkDetected,
        PeerConnected, PeerDisconnected, PeerBanned, MessageReceived, BroadcastStarted, BroadcastCompleted,
        ModuleLoaded, ModuleUnloaded, ModuleReloaded, ModuleCrashed, ModuleHealthChanged,
        NodeStartupCompleted, NodeShutdown, NodeShutdownCompleted,
        DataMaintenance, MaintenanceStarted, MaintenanceCompleted, HealthCheck,
        DiskSpaceLow, ResourceLimitWarning {

    /**
     * The type of this payload.
     *
     * @return the one {@link EventType} whose payload record this is
     */
    EventType type();

    /**
     * Whether this event must reach every subscriber even when its queue is full. Critical events
     * ({@link NodeShutdown}, {@link DataMaintenance} with urgency {@link Urgency#HIGH}, and
     * {@link DiskSpaceLow}) are never dropped and are delivered before a module's queued backlog.
     *
     * @return {@code true} for critical events
     */
    default boolean isCritical() {
        return false;
    }
}
