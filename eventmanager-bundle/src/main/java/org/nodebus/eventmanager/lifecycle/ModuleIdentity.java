package org.nodebus.eventmanager.lifecycle;

import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Who may act under a module id. */
public final class ModuleIdentity {
    private ModuleIdentity() {
    }

    /**
     * A bundle acts as module X only if no older installed bundle is also named X: two versions of one
     * bundle side by side would otherwise share one module's identity, queue, statistics and lifecycle.
     *
     * @return the older bundle holding the bundle's symbolic name, if any
     */
    public static Optional<Bundle> olderNamesake(BundleContext context, Bundle bundle) {
        for (Bundle other : context.getBundles()) {
            if (other.getBundleId() != 0 && other.getBundleId() < bundle.getBundleId()
                    && bundle.getSymbolicName().equals(other.getSymbolicName())
                    && other.getState() != Bundle.UNINSTALLED) {
                return Optional.of(other);
            }
        }
        return Optional.empty();
    }

    /** What a bundle is told when it tries to act under a module id an older bundle holds. */
    public static String refusal(Bundle bundle, Bundle older, String action) {
        return "Bundle " + bundle.getBundleId() + " may not " + action + " as module " + bundle.getSymbolicName()
                + ": bundle " + older.getBundleId() + " (" + older.getSymbolicName() + " " + older.getVersion()
                + ") holds that module id. Update or uninstall bundle " + older.getBundleId()
                + " instead of installing a second bundle with the same symbolic name.";
    }
}
