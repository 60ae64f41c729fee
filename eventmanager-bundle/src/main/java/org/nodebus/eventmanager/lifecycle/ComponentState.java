package org.nodebus.eventmanager.lifecycle;

/**
 * Where a bundle's Declarative Services components stand.
 *
 * @param settled every component is active or has nothing left to register (or the bundle has none)
 * @param failure the error of a component whose activation failed, or {@code null}
 * @param waiting the components that are not satisfied yet, for the log
 * @param activating whether an immediate component is being activated: Declarative Services changes no
 *        state when its activate method throws, so only asking again tells how that ends
 */
record ComponentState(boolean settled, String failure, String waiting, boolean activating) {
    static final ComponentState SETTLED = new ComponentState(true, null, "", false);
}
