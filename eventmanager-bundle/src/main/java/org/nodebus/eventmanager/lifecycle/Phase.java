package org.nodebus.eventmanager.lifecycle;

/** Where a module bundle stands, as {@link ModuleStates} follows it from the bundle's events. */
enum Phase {
    /** installed or resolved, not running */
    IDLE,
    /** its activator runs (STARTING) */
    STARTING,
    /** ACTIVE, not announced in this incarnation: waits for its subscription or its components */
    WAITING,
    /** ACTIVE, but a component failed to activate: reported once, not announced in this incarnation */
    FAILED,
    /** ACTIVE and announced */
    LOADED,
    /** its bundle is stopping: its listeners are gone */
    STOPPING,
    /**
     * Stopped while still persistently started, by someone else than NodeBus while the framework runs. That
     * is the first half of an update (or of a refresh), or a transient stop: OSGi fires the same STOPPED for
     * all of them, and only the bundle's next event tells which.
     */
    STOPPED_UNSURE,
    /** updated under the same module id: its new revision's announcement is a ModuleReloaded */
    UPDATED
}
