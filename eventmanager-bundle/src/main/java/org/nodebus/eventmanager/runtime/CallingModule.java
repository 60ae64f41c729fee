package org.nodebus.eventmanager.runtime;

import java.util.Optional;

import org.nodebus.eventmanager.lifecycle.ModuleIdentity;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The module a bundle-scoped service instance serves: taken from the using bundle, so a module can
 * never act under another module's id. Once the framework releases the instance (its bundle stopped or
 * let go of the service) it refuses every call.
 *
 * @param id the using bundle's symbolic name
 * @param bundle the using bundle
 * @param namesake an older installed bundle of the same name, which holds the module id
 */
record CallingModule(String id, Bundle bundle, Optional<Bundle> namesake) {

    static CallingModule of(BundleContext context, Bundle bundle) {
        if (bundle == null || bundle.getSymbolicName() == null) {
            throw new IllegalStateException("NodeBus services are bundle-scoped: the using bundle must have a "
                    + "Bundle-SymbolicName");
        }
        return new CallingModule(bundle.getSymbolicName(), bundle, ModuleIdentity.olderNamesake(context, bundle));
    }

    long bundleId() {
        return bundle.getBundleId();
    }

    /** On every publish: a plain check, no allocation, unless the bundle is refused. */
    void checkIdentity(String action) {
        if (namesake.isPresent()) {
            throw new SecurityException(ModuleIdentity.refusal(bundle, namesake.get(), action));
        }
    }

    /** What a released instance says. */
    IllegalStateException released(String service, String action) {
        return new IllegalStateException("Module " + id + " (bundle " + bundle.getBundleId() + ") may not " + action
                + ": this " + service + " instance was released when the module stopped or let go of the service; "
                + "get the " + service + " service again once the module runs");
    }
}
