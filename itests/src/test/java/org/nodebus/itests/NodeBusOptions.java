package org.nodebus.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;

import org.ops4j.pax.exam.Option;

/** The Pax Exam options every integration test shares: one place for the container's bundle set. */
public final class NodeBusOptions {

    private NodeBusOptions() {
    }

    /** A bundle built by this reactor, by the path Failsafe passes in {@code nodebus.bundle.<name>}. */
    public static Option reactorBundle(String name) {
        String path = System.getProperty("nodebus.bundle." + name);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("System property nodebus.bundle." + name + " does not name a built jar (was "
                    + path + "); run the tests through Maven: mvn verify");
        }
        return bundle(new File(path).toURI().toString());
    }

    /** A third-party bundle copied by the build into {@code target/bundles} under its artifact id. */
    public static Option containerBundle(String artifactId) {
        File jar = new File(System.getProperty("nodebus.bundles.dir", "target/bundles"), artifactId + ".jar");
        if (!jar.isFile()) {
            throw new IllegalStateException(jar + " is missing; run the tests through Maven: mvn verify");
        }
        return bundle(jar.toURI().toString());
    }

    /** Declarative Services, EventAdmin, ConfigAdmin and the Gogo runtime: what the EventManager runs on. */
    public static Option services() {
        return composite(
                containerBundle("org.osgi.util.function"),
                containerBundle("org.osgi.util.promise"),
                containerBundle("org.osgi.service.component"),
                containerBundle("org.apache.felix.scr"),
                containerBundle("org.apache.felix.configadmin"),
                containerBundle("org.apache.felix.eventadmin"),
                containerBundle("org.apache.felix.gogo.runtime"),
                // as the distribution: component changes reach the module lifecycle within 10 ms
                frameworkProperty("ds.service.changecount.timeout").value("10"));
    }

    /** The API, the EventManager and everything they need; the node's data in target/nodebus-data. */
    public static Option eventManager() {
        return composite(apiOnly(), services(), reactorBundle("eventmanager"),
                frameworkProperty("nodebus.data.dir").value(testDir() + "/nodebus-data"));
    }

    /** A reactor bundle installed but not started. */
    public static Option reactorBundleNoStart(String name) {
        return bundle(reactorBundlePath(name)).noStart();
    }

    /** The build's target folder. */
    public static String testDir() {
        return System.getProperty("nodebus.test.dir", "target");
    }

    /** The path of a reactor bundle's jar, to install it during a test. */
    public static String reactorBundlePath(String name) {
        String path = System.getProperty("nodebus.bundle." + name);
        if (path == null) {
            throw new IllegalStateException("System property nodebus.bundle." + name + " is not set; run through Maven");
        }
        return new File(path).toURI().toString();
    }

    /** The framework with logging, JUnit and the NodeBus API. */
    public static Option apiOnly() {
        return composite(
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                containerBundle("pax-logging-api"),
                junitBundles(),
                reactorBundle("api"));
    }
}
