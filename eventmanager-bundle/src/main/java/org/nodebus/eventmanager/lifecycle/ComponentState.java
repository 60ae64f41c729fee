package org.nodebus.eventmanager.lifecycle;

/**
 * Where a bundle's Declarative Services components stand.
 *
 * @param settled every component is satisfied or active (or the bundle has none)
 * @param failure the error of a component whose activation failed, or {@code null}
 * @param waiting the components that are not satisfied yet, for the log
 */
record ComponentState(boolean settled, String failure, String waiting) {
    static final ComponentState SETTLED = new ComponentState(true, null, "");
}
