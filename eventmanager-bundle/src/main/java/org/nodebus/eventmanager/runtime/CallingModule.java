package org.nodebus.eventmanager.runtime;

import java.util.Optional;

import org.nodebus.eventmanager.lifecycle.ModuleIdentity;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;

/**
 * The module a bundle-scoped service instance serves: taken from the using bundle, so a module can
 * never act under another module's id.
 *
 * @param id the using bundle's symbolic name
 * @param bundleId its bundle id
 * @param refusal why the bundle may not act as that module (an older bundle of the same name holds it)
 */
record CallingModule(String id, long bundleId, Optional<String> refusal) {

    static CallingModule of(ComponentContext context) {
        Bundle bundle = context.getUsingBundle();
        if (bundle == null || bundle.getSymbolicName() == null) {
            throw new IllegalStateException("NodeBus services are bundle-scoped: the using bundle must have a "
                    + "Bundle-SymbolicName");
        }
        return new CallingModule(bundle.getSymbolicName(), bundle.getBundleId(),
                ModuleIdentity.olderNamesake(context.getBundleContext(), bundle)
                        .map(older -> ModuleIdentity.refusal(bundle, older, "act")));
    }

    /** @throws SecurityException if an older bundle of the same name holds this module id */
    void checkIdentity(String action) {
        refusal.ifPresent(why -> {
            throw new SecurityException(why.replace("may not act", "may not " + action));
        });
    }
}
