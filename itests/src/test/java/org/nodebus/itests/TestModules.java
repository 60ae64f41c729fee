package org.nodebus.itests;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicInteger;

import org.nodebus.api.Event;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.NodeModule;
import org.nodebus.api.event.EventType;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.nodebus.itests.modules.RecordingActivator;
import org.nodebus.testing.Await;

/**
 * Builds module bundles at test time. A test module is a bundle with the {@code NodeBus-Module}
 * header; the test acts for it through its own BundleContext (registering subscribers, getting the
 * bundle-scoped publisher), so whatever it does is done under that module's id.
 */
public final class TestModules {
    private static final AtomicInteger INSTALLS = new AtomicInteger();

    private TestModules() {
    }

    /** A module bundle builder with the header, a symbolic name and a version. */
    public static BundleBuilder module(String symbolicName, String version) {
        return new BundleBuilder()
                .set(Constants.BUNDLE_MANIFESTVERSION, "2")
                .set(Constants.BUNDLE_SYMBOLICNAME, symbolicName)
                .set(Constants.BUNDLE_VERSION, version)
                .set(NodeModule.HEADER, "true");
    }

    /** A plain bundle, no module. */
    public static BundleBuilder plainBundle(String symbolicName) {
        return new BundleBuilder()
                .set(Constants.BUNDLE_MANIFESTVERSION, "2")
                .set(Constants.BUNDLE_SYMBOLICNAME, symbolicName)
                .set(Constants.BUNDLE_VERSION, "1.0.0");
    }

    /** Installs and starts a built bundle. */
    public static Bundle start(BundleContext context, BundleBuilder bundle) throws BundleException {
        Bundle installed = install(context, bundle);
        installed.start();
        return installed;
    }

    public static Bundle install(BundleContext context, BundleBuilder bundle) throws BundleException {
        return context.installBundle("nodebus-test:" + INSTALLS.incrementAndGet(), bundle.build());
    }

    /** Registers a whiteboard subscriber owned by the module and waits until the EventManager has it. */
    public static ServiceRegistration<EventSubscriber> subscribe(Bundle module, EventSubscriber subscriber,
            EventType... types) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventSubscriber.EVENT_TYPES_PROPERTY, Arrays.stream(types).map(Enum::name).toArray(String[]::new));
        ServiceRegistration<EventSubscriber> registration = module.getBundleContext()
                .registerService(EventSubscriber.class, subscriber, properties);
        EventManager manager = manager(module);
        for (EventType type : types) {
            Await.until(module.getSymbolicName() + " subscribed to " + type,
                    () -> manager.getSubscribers(type).contains(module.getSymbolicName()));
        }
        return registration;
    }

    /** The module's own (bundle-scoped) publisher. */
    public static EventPublisher publisher(Bundle module) {
        return service(module, EventPublisher.class);
    }

    /** The module's own (bundle-scoped) EventManager. */
    public static EventManager manager(Bundle module) {
        return service(module, EventManager.class);
    }

    private static <S> S service(Bundle module, Class<S> type) {
        BundleContext context = module.getBundleContext();
        Await.until(type.getSimpleName() + " is registered", () -> context.getServiceReference(type) != null);
        return context.getService(context.getServiceReference(type));
    }

    /** A module that subscribes to the given types while it starts, recording what it receives. */
    public static BundleBuilder recordingModule(String symbolicName, String version, EventType... types) {
        return module(symbolicName, version)
                .set(Constants.BUNDLE_ACTIVATOR, RecordingActivator.class.getName())
                .set(Constants.IMPORT_PACKAGE, "org.osgi.framework,org.nodebus.api,org.nodebus.api.event")
                .set(RecordingActivator.TYPES_HEADER, Arrays.stream(types).map(Enum::name).collect(Collectors.joining(",")))
                .add(RecordingActivator.class)
                .add(RecordingActivator.Recording.class);
    }

    /** Starts a module that records the given types, and returns what it records. */
    public static List<Event> observer(BundleContext context, String moduleId, EventType... types)
            throws BundleException {
        start(context, recordingModule(moduleId, "1.0.0", types));
        return recorded(context, moduleId);
    }

    /** What a recording module has received so far. */
    @SuppressWarnings("unchecked")
    public static List<Event> recorded(BundleContext context, String moduleId) {
        try {
            Await.until(moduleId + " records", () -> recorderReference(context, moduleId) != null);
            return ((Supplier<List<Event>>) context.getService(recorderReference(context, moduleId))).get();
        } catch (RuntimeException e) {
            throw new AssertionError("no recorder of " + moduleId, e);
        }
    }

    private static ServiceReference<?> recorderReference(BundleContext context, String moduleId) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(Supplier.class.getName(),
                    "(" + RecordingActivator.RECORDER_PROPERTY + "=" + moduleId + ")");
            return refs == null ? null : refs[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Installs and starts a module with only a manifest. */
    public static Bundle startModule(BundleContext context, String symbolicName) throws BundleException {
        return start(context, module(symbolicName, "1.0.0"));
    }
}
