package org.nodebus.eventmanager.runtime;

import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * A bundle-scoped service: each using bundle gets its own instance, made for it, and the instance is told
 * when the framework releases it (the bundle stopped or ungot the service).
 */
final class PerBundle<S> implements ServiceFactory<S> {

    /** An instance that refuses every call once released. */
    interface Releasable {
        void release();
    }

    private final Function<Bundle, ? extends S> make;

    PerBundle(Function<Bundle, ? extends S> make) {
        this.make = make;
    }

    @Override
    public S getService(Bundle bundle, ServiceRegistration<S> registration) {
        return make.apply(bundle);
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<S> registration, S service) {
        if (service instanceof Releasable releasable) {
            releasable.release();
        }
    }
}
