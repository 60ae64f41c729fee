package org.nodebus.benchmarks.osgi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.nodebus.api.NodeModule;
import org.nodebus.testing.node.NodeBundles;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * A Felix framework with SCR, ConfigAdmin, EventAdmin and (optionally) the NodeBus EventManager, as the
 * benchmarks run it. The NodeBus API and the EventAdmin API come from the class path through the system
 * bundle, so benchmark code and bundles share those classes.
 */
public final class EmbeddedFramework implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private final Framework framework;

    private EmbeddedFramework(Framework framework) {
        this.framework = framework;
    }

    /** The folder of bundle jars the build copied; run the benchmarks from the repository root. */
    static File bundles() {
        File dir = new File(System.getProperty("nodebus.bench.bundles", "benchmarks/target/bundles"));
        if (!new File(dir, "org.nodebus.eventmanager.jar").isFile()) {
            throw new IllegalStateException("no bundles in " + dir.getAbsolutePath() + "; build first (mvn -B -q install "
                    + "-DskipTests) and run from the repository root, or set -Dnodebus.bench.bundles=<dir>");
        }
        return dir;
    }

    /**
     * @param withEventManager also install the NodeBus EventManager
     * @param extra framework properties (e.g. EventAdmin's timeout)
     */
    public static EmbeddedFramework start(boolean withEventManager, Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>(extra);
        File storage = Files.createTempDirectory("nodebus-bench-" + COUNT.incrementAndGet()).toFile();
        config.put(Constants.FRAMEWORK_STORAGE, storage.getAbsolutePath());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.putIfAbsent("ds.service.changecount.timeout", "10"); // as the distribution
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                NodeBundles.apiPackages(NodeBundles.jar(bundles(), "org.nodebus.api"))
                        + ",org.osgi.service.event;version=1.4.1");
        config.put("org.ops4j.pax.logging.DefaultServiceLog.level", "ERROR");
        Framework framework = new org.apache.felix.framework.FrameworkFactory().newFramework(config);
        framework.init();
        List<File> jars = new ArrayList<>(NodeBundles.container(bundles()));
        if (withEventManager) {
            jars.add(NodeBundles.jar(bundles(), "org.nodebus.eventmanager"));
        }
        List<Bundle> installed = new ArrayList<>();
        for (File jar : jars) {
            installed.add(framework.getBundleContext().installBundle(jar.toURI().toString()));
        }
        framework.start();
        for (Bundle bundle : installed) {
            bundle.start();
        }
        return new EmbeddedFramework(framework);
    }

    /** Installs bundles of the build's folder by artifact id, then starts them (e.g. the metrics bundle and HTTP). */
    public void installAndStart(String... artifactIds) throws BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (String artifactId : artifactIds) {
            installed.add(context().installBundle(NodeBundles.jar(bundles(), artifactId).toURI().toString()));
        }
        for (Bundle bundle : installed) {
            bundle.start();
        }
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** Installs and starts a module bundle made of a manifest only; the benchmark acts through its context. */
    public Bundle startModule(String symbolicName) throws BundleException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        a.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        a.putValue(NodeModule.HEADER, "true");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Bundle bundle = context().installBundle("bench:" + symbolicName + ":" + COUNT.incrementAndGet(),
                new ByteArrayInputStream(bytes.toByteArray()));
        bundle.start();
        return bundle;
    }

    /** Starts a module bundle (as {@link #startModule}) that subscribes to one event type through the whiteboard. */
    public Bundle startSubscriber(String symbolicName, org.nodebus.api.event.EventType type,
            org.nodebus.api.EventSubscriber subscriber) throws BundleException {
        return startSubscriber(symbolicName, type, subscriber, Map.of());
    }

    /** A module whose whiteboard subscriber has these service properties too (a filter, say). */
    public Bundle startSubscriber(String symbolicName, org.nodebus.api.event.EventType type,
            org.nodebus.api.EventSubscriber subscriber, Map<String, Object> more) throws BundleException {
        Bundle module = startModule(symbolicName);
        Hashtable<String, Object> properties = new Hashtable<>(more);
        properties.put(org.nodebus.api.EventSubscriber.EVENT_TYPES_PROPERTY, type.name());
        module.getBundleContext().registerService(org.nodebus.api.EventSubscriber.class, subscriber, properties);
        return module;
    }

    public <S> S service(BundleContext context, Class<S> type) {
        await(() -> context.getServiceReference(type) != null);
        return context.getService(context.getServiceReference(type));
    }

    /** Sets properties of a configuration through ConfigAdmin, by reflection (its API is not shared). */
    public void configure(String pid, Map<String, Object> properties) throws Exception {
        ServiceReference<?> ref = waitFor("org.osgi.service.cm.ConfigurationAdmin");
        Object admin = context().getService(ref);
        Object configuration = admin.getClass().getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, pid, "?");
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        Method update = configuration.getClass().getMethod("update", Dictionary.class);
        update.setAccessible(true);
        update.invoke(configuration, dictionary);
    }

    /**
     * Runs a shell command through Gogo's CommandProcessor, as an operator would (the commands themselves
     * are handed only to the shell), and returns its text. By reflection: Gogo's API is not shared.
     */
    public String command(String line) throws Exception {
        ServiceReference<?> ref = waitFor("org.apache.felix.service.command.CommandProcessor");
        Object processor = context().getService(ref);
        Class<?> api = processor.getClass().getClassLoader().loadClass("org.apache.felix.service.command.CommandProcessor");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object session = api.getMethod("createSession", java.io.InputStream.class, java.io.OutputStream.class,
                java.io.OutputStream.class).invoke(processor, new ByteArrayInputStream(new byte[0]), out, out);
        Class<?> sessionApi = api.getClassLoader().loadClass("org.apache.felix.service.command.CommandSession");
        try {
            Object result = sessionApi.getMethod("execute", CharSequence.class).invoke(session, line);
            return out + String.valueOf(result);
        } finally {
            sessionApi.getMethod("close").invoke(session);
        }
    }

    private ServiceReference<?> waitFor(String className) {
        await(() -> context().getServiceReference(className) != null);
        return context().getServiceReference(className);
    }

    public static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after 60 s");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(60_000);
    }
}
