package org.nodebus.eventmanager.delivery;

import org.nodebus.api.event.ModuleHealth;

/** Told of every health transition and crash the delivery core records; the runtime turns them into events. */
public interface HealthListener {

    /** A listener that ignores everything. */
    HealthListener NONE = new HealthListener() {
        @Override
        public void healthChanged(String moduleId, long bundleId, ModuleHealth oldHealth, ModuleHealth newHealth) {
        }

        @Override
        public void crashed(String moduleId, long bundleId, Throwable error) {
        }
    };

    /**
     * A module's health changed. Called on the delivery core's own health thread ({@code nodebus-health}),
     * one notice at a time, with no lock of the core held; it may publish.
     *
     * @param moduleId the module
     * @param bundleId its bundle
     * @param oldHealth before
     * @param newHealth now
     */
    void healthChanged(String moduleId, long bundleId, ModuleHealth oldHealth, ModuleHealth newHealth);

    /**
     * A module's listener threw an {@link Error}; the module has already been unsubscribed.
     *
     * @param moduleId the module
     * @param bundleId the bundle of the module's listener that threw
     * @param error what it threw
     */
    void crashed(String moduleId, long bundleId, Throwable error);
}
