package org.nodebus.api.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of event NodeBus delivers. Each type has a {@link EventCategory category} and exactly one
 * payload record (and each payload record maps back to exactly one type), so an event's type always
 * follows from its payload: {@code payload.type()}.
 *
 * <p>Users name types either as the event is called ({@code NewBlock}) or as the Java constant
 * ({@code NEW_BLOCK}); {@link #parse(String)} accepts both, in any case.
 */
public enum EventType {
    /** A block was connected to the chain. */
    NEW_BLOCK(EventCategory.CORE, NewBlock.class),
    /** A transaction entered the mempool. */
    NEW_TRANSACTION(EventCategory.CORE, NewTransaction.class),
    /** A block was disconnected from the chain (reorganisation). */
    BLOCK_DISCONNECTED(EventCategory.CORE, BlockDisconnected.class),
    /** The chain tip moved to another branch. */
    CHAIN_REORG(EventCategory.CORE, ChainReorg.class),

    /** A governance proposal was created. */
    GOVERNANCE_PROPOSAL_CREATED(EventCategory.GOVERNANCE, GovernanceProposalCreated.class),
    /** A vote was cast on a governance proposal. */
    GOVERNANCE_PROPOSAL_VOTED(EventCategory.GOVERNANCE, GovernanceProposalVoted.class),
    /** A governance proposal was merged. */
    GOVERNANCE_PROPOSAL_MERGED(EventCategory.GOVERNANCE, GovernanceProposalMerged.class),
    /** A governance fork (a diverging ruleset) was detected. */
    GOVERNANCE_FORK_DETECTED(EventCategory.GOVERNANCE, GovernanceForkDetected.class),

    /** A peer connected. */
    PEER_CONNECTED(EventCategory.NETWORK, PeerConnected.class),
    /** A peer disconnected. */
    PEER_DISCONNECTED(EventCategory.NETWORK, PeerDisconnected.class),
    /** A peer was banned. */
    PEER_BANNED(EventCategory.NETWORK, PeerBanned.class),
    /** A network message was received. */
    MESSAGE_RECEIVED(EventCategory.NETWORK, MessageReceived.class),
    /** A broadcast to peers started. */
    BROADCAST_STARTED(EventCategory.NETWORK, BroadcastStarted.class),
    /** A broadcast to peers completed. */
    BROADCAST_COMPLETED(EventCategory.NETWORK, BroadcastCompleted.class),

    /** A module finished loading (after its subscription, if it subscribes). Reserved. */
    MODULE_LOADED(EventCategory.MODULE, ModuleLoaded.class),
    /** A module was stopped or uninstalled. Reserved. */
    MODULE_UNLOADED(EventCategory.MODULE, ModuleUnloaded.class),
    /** A module's bundle was updated to a new version. Reserved. */
    MODULE_RELOADED(EventCategory.MODULE, ModuleReloaded.class),
    /** A module crashed (failed start, or an {@code Error} in its listener). Reserved. */
    MODULE_CRASHED(EventCategory.MODULE, ModuleCrashed.class),
    /** A module's health changed. Reserved. */
    MODULE_HEALTH_CHANGED(EventCategory.MODULE, ModuleHealthChanged.class),

    /** The node finished starting. Reserved. */
    NODE_STARTUP_COMPLETED(EventCategory.NODE, NodeStartupCompleted.class),
    /** The node is shutting down; modules should save state now. Critical and reserved. */
    NODE_SHUTDOWN(EventCategory.NODE, NodeShutdown.class),
    /** The node finished shutting down. Reserved. */
    NODE_SHUTDOWN_COMPLETED(EventCategory.NODE, NodeShutdownCompleted.class),

    /** Flush and/or clean up data; critical when its urgency is HIGH. Reserved. */
    DATA_MAINTENANCE(EventCategory.MAINTENANCE, DataMaintenance.class),
    /** A maintenance run started. Reserved. */
    MAINTENANCE_STARTED(EventCategory.MAINTENANCE, MaintenanceStarted.class),
    /** A maintenance run completed. Reserved. */
    MAINTENANCE_COMPLETED(EventCategory.MAINTENANCE, MaintenanceCompleted.class),
    /** A health check was performed. Reserved. */
    HEALTH_CHECK(EventCategory.MAINTENANCE, HealthCheck.class),

    /** The node's data disk is low on free space. Critical and reserved. */
    DISK_SPACE_LOW(EventCategory.RESOURCE, DiskSpaceLow.class),
    /** A resource (memory, CPU, disk, network) crossed its warning threshold. Reserved. */
    RESOURCE_LIMIT_WARNING(EventCategory.RESOURCE, ResourceLimitWarning.class);

    private static final Map<String, EventType> BY_NORMALISED_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(t -> normalise(t.name()), Function.identity()));
    private static final Map<Class<? extends EventPayload>, EventType> BY_PAYLOAD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private final EventCategory category;
    private final Class<? extends EventPayload> payloadType;

    EventType(EventCategory category, Class<? extends EventPayload> payloadType) {
        this.category = category;
        this.payloadType = payloadType;
    }

    /**
     * The category of this type.
     *
     * @return the category, never {@code null}
     */
    public EventCategory category() {
        return category;
    }

    /**
     * The payload record class that events of this type carry.
     *
     * @return the record class, never {@code null}
     */
    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /**
     * The event's name as users write it, e.g. {@code NewBlock} for {@link #NEW_BLOCK}; it is also the
     * last segment of the EventAdmin topic {@code org/nodebus/event/<EventName>}.
     *
     * @return the simple name of the payload record
     */
    public String eventName() {
        return payloadType.getSimpleName();
    }

    /**
     * Whether only the node may publish events of this type (see {@link EventCategory#isReserved()}).
     *
     * @return {@code true} for module, node, maintenance and resource events
     */
    public boolean isReserved() {
        return category.isReserved();
    }

    /**
     * Finds a type by the name a user typed: {@code NewBlock}, {@code NEW_BLOCK}, {@code newblock} and
     * {@code new-block} all give {@link #NEW_BLOCK}.
     *
     * @param name the name, in any case, with or without {@code _} or {@code -} between words
     * @return the type
     * @throws IllegalArgumentException if no type has that name; the message lists the valid names
     */
    public static EventType parse(String name) {
        EventType type = name == null ? null : BY_NORMALISED_NAME.get(normalise(name));
        if (type == null) {
            throw new IllegalArgumentException("Unknown event type '" + name + "'; valid types are: "
                    + Arrays.stream(values()).map(EventType::eventName).collect(Collectors.joining(", ")));
        }
        return type;
    }

    /**
     * The type whose payload is the given record class.
     *
     * @param payloadType a payload record class
     * @return its type
     * @throws IllegalArgumentException if the class is not a payload record of this API
     */
    public static EventType of(Class<? extends EventPayload> payloadType) {
        EventType type = BY_PAYLOAD.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException(payloadType + " is not a NodeBus payload record");
        }
        return type;
    }

    private static String normalise(String name) {
        return name.strip().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
