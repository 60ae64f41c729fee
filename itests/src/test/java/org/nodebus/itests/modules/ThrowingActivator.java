package org.nodebus.itests.modules;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into a test module whose start must fail. */
public class ThrowingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("activator refuses to start");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
