package org.nodebus.itests;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.nodebus.api.NodeModule;
import org.nodebus.testing.node.NodeBundles;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * A Felix framework launched by the test itself, for what a Pax Exam container cannot survive: stopping
 * the framework. The NodeBus API comes from the test's class path through the system bundle, so the test
 * and the bundles share its classes (events recorded inside are read outside after the framework stops).
 */
public final class EmbeddedNode {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private EmbeddedNode() {
    }

    /** Starts a framework with the EventManager and the janitor. */
    public static Framework start() throws BundleException {
        Map<String, String> config = new HashMap<>();
        File storage = new File(NodeBusOptions.testDir(), "embedded-felix-" + COUNT.incrementAndGet() + "-" + System.nanoTime());
        config.put(Constants.FRAMEWORK_STORAGE, storage.getAbsolutePath());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, NodeBundles.apiPackages(new File(java.net.URI.create(NodeBusOptions.reactorBundlePath("api")))));
        config.put(NodeModule.DATA_DIR_PROPERTY, new File(NodeBusOptions.testDir(), "nodebus-data").getAbsolutePath());
        config.put("org.ops4j.pax.logging.DefaultServiceLog.level", "WARN");
        Framework framework = new org.apache.felix.framework.FrameworkFactory().newFramework(config);
        framework.init();
        List<Bundle> bundles = new ArrayList<>();
        for (File jar : NodeBundles.container(NodeBusOptions.bundlesDir())) {
            bundles.add(framework.getBundleContext().installBundle(jar.toURI().toString()));
        }
        bundles.add(framework.getBundleContext().installBundle(NodeBusOptions.reactorBundlePath("eventmanager")));
        bundles.add(framework.getBundleContext().installBundle(NodeBusOptions.reactorBundlePath("janitor")));
        framework.start();
        for (Bundle bundle : bundles) {
            bundle.start();
        }
        return framework;
    }
}
