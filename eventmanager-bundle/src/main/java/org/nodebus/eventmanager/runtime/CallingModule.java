package org.nodebus.eventmanager.runtime;

import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;

/**
 * The module a bundle-scoped service instance serves: taken from the using bundle, so a module can
 * never act under another module's id.
 *
 * @param id the using bundle's symbolic name
 * @param bundleId its bundle id
 */
record CallingModule(String id, long bundleId) {

    static CallingModule of(ComponentContext context) {
        Bundle bundle = context.getUsingBundle();
        if (bundle == null || bundle.getSymbolicName() == null) {
            throw new IllegalStateException("NodeBus services are bundle-scoped: the using bundle must have a "
                    + "Bundle-SymbolicName");
        }
        return new CallingModule(bundle.getSymbolicName(), bundle.getBundleId());
    }
}
