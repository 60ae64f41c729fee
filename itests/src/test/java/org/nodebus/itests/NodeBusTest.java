package org.nodebus.itests;

import static org.ops4j.pax.exam.CoreOptions.options;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.runner.RunWith;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The one preamble of the Pax Exam tests that run the EventManager: the container
 * ({@link NodeBusOptions#eventManager()} and what {@link #extraOptions()} adds) and the services a test
 * works with, injected once they are registered. A subclass names its reactor strategy.
 */
@RunWith(PaxExam.class)
public abstract class NodeBusTest {
    @Inject
    protected BundleContext context;

    @Inject
    protected EventManager eventManager;

    /** The test probe's publisher: what it publishes comes from a bundle that is no module. */
    @Inject
    protected EventPublisher publisher;

    @Inject
    protected ConfigurationAdmin configurationAdmin;

    @Inject
    protected CommandProcessor commandProcessor;

    @Configuration
    public Option[] config() {
        return options(NodeBusOptions.eventManager(), CoreOptions.composite(extraOptions()));
    }

    /**
     * Replaces a PID's configuration through ConfigAdmin, as an operator's tool would.
     *
     * @param pid e.g. {@code org.nodebus.eventmanager}
     * @param keysAndValues key, value, key, value, ...
     */
    protected void configure(String pid, Object... keysAndValues) throws java.io.IOException {
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        configurationAdmin.getConfiguration(pid, "?").update(properties);
    }

    /** What this test adds to the container: bundles, system properties. */
    protected Option[] extraOptions() {
        return new Option[0];
    }
}
