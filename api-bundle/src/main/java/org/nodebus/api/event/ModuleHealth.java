package org.nodebus.api.event;

/**
 * The health of a module as the EventManager sees it from its deliveries.
 */
public enum ModuleHealth {
    /** Deliveries succeed. */
    HEALTHY,
    /** Several consecutive deliveries failed (the listener threw); the module still receives events. */
    DEGRADED,
    /** The listener has been running longer than the listener time limit; its queue may fill and drop. */
    UNRESPONSIVE,
    /** The module crashed: its start failed or its listener threw an {@link Error}. */
    CRASHED;
}
