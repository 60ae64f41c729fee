package org.nodebus.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.nodebus.api.NodeModule;
import org.nodebus.testing.node.NodeBundles;
import org.ops4j.pax.exam.Option;

/** The Pax Exam options every integration test shares: one place for the container's bundle set. */
public final class NodeBusOptions {
    /** The bundles of {@link NodeBundles#CONTAINER} that the API alone needs: logging and Gson. */
    private static final List<String> API_NEEDS = List.of("pax-logging-api", "gson");

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

    /** The folder the build copies the third-party bundles into, by artifact id. */
    public static File bundlesDir() {
        return new File(System.getProperty("nodebus.bundles.dir", "target/bundles"));
    }

    /** A third-party bundle copied by the build into {@code target/bundles} under its artifact id. */
    public static Option containerBundle(String artifactId) {
        return bundle(NodeBundles.jar(bundlesDir(), artifactId).toURI().toString());
    }

    /** The rest of {@link NodeBundles#CONTAINER}: Declarative Services, EventAdmin, ConfigAdmin and Gogo. */
    public static Option services() {
        List<Option> options = new ArrayList<>();
        NodeBundles.CONTAINER.stream().filter(name -> !API_NEEDS.contains(name)).map(NodeBusOptions::containerBundle)
                .forEach(options::add);
        // as the distribution: component changes reach the module lifecycle within 10 ms
        options.add(frameworkProperty("ds.service.changecount.timeout").value("10"));
        return composite(options.toArray(Option[]::new));
    }

    /** The API, the EventManager and everything they need; the node's data in target/nodebus-data. */
    public static Option eventManager() {
        return composite(apiOnly(), services(), reactorBundle("eventmanager"),
                frameworkProperty(NodeModule.DATA_DIR_PROPERTY).value(testDir() + "/nodebus-data"));
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

    /** The framework with logging, JUnit, the NodeBus API (and the Gson it reads reports with) and Await/Recorder. */
    public static Option apiOnly() {
        List<Option> options = new ArrayList<>();
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        API_NEEDS.stream().map(NodeBusOptions::containerBundle).forEach(options::add);
        options.add(junitBundles());
        options.add(reactorBundle("api"));
        options.add(reactorBundle("testsupport"));
        return composite(options.toArray(Option[]::new));
    }
}
