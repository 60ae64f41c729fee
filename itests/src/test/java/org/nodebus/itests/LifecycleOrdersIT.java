package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.nodebus.api.EventManager;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventType;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Each order of bundle events the module lifecycle relies on (Felix 7 fires them on the thread that changes
 * the bundle), as an observer module hears it.
 */
@ExamReactorStrategy(PerMethod.class)
public class LifecycleOrdersIT extends NodeBusTest {
    private static final EventType[] WATCH = {EventType.MODULE_LOADED, EventType.MODULE_UNLOADED,
        EventType.MODULE_RELOADED, EventType.NEW_BLOCK};

    private Recorder observer;
    private EventManager manager;

    private Bundle loadedModule(String name) throws Exception {
        Bundle observerModule = TestModules.startModule(context, "ord.observer");
        observer = new Recorder();
        TestModules.subscribe(observerModule, observer, WATCH);
        manager = TestModules.manager(observerModule);
        Bundle bundle = TestModules.start(context, TestModules.recordingModule(name, "1.0.0", EventType.NEW_BLOCK));
        Await.until(name + " loaded", () -> loadedIds().contains(name));
        return bundle;
    }

    private List<String> history(String prefix) {
        Lifecycle.fence(TestModules.publisher(context.getBundle()), List.of(observer.events));
        return Lifecycle.history(observer.events, prefix);
    }

    private List<String> loadedIds() {
        return manager.getLoadedModules().stream().map(ModuleInfo::moduleId).toList();
    }

    /** STOPPING, STOPPED, UNRESOLVED, UPDATED, RESOLVED, STARTING, STARTED: one ModuleReloaded. */
    @Test
    public void anUpdateUnderTheSameNameIsOneReload() throws Exception {
        Bundle bundle = loadedModule("ord.updated");
        bundle.update(TestModules.recordingModule("ord.updated", "2.0.0", EventType.NEW_BLOCK).build());
        Await.until("reloaded", () -> Lifecycle.history(observer.events, "ord.updated").size() == 2,
                () -> Lifecycle.history(observer.events, "ord.updated"));
        assertEquals(List.of("Loaded(ord.updated 1.0.0)", "Reloaded(ord.updated 1.0.0->2.0.0)"),
                history("ord.updated"));
        assertEquals("2.0.0", manager.getLoadedModules().stream().filter(m -> m.moduleId().equals("ord.updated"))
                .findFirst().orElseThrow().version());
    }

    /** STOPPING, STOPPED, UNRESOLVED, RESOLVED, STARTING, STARTED (no UPDATED): an unload and a load. */
    @Test
    public void aRefreshIsAnUnloadAndALoad() throws Exception {
        Bundle bundle = loadedModule("ord.refreshed");
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        if (!refreshed.await(20, TimeUnit.SECONDS)) {
            fail("the refresh did not end within 20 s");
        }
        Await.until("loaded again", () -> Lifecycle.history(observer.events, "ord.refreshed").size() == 3,
                () -> Lifecycle.history(observer.events, "ord.refreshed"));
        assertEquals(List.of("Loaded(ord.refreshed 1.0.0)", "Unloaded(ord.refreshed 1.0.0)",
                "Loaded(ord.refreshed 1.0.0)"), history("ord.refreshed"));
    }

    /** A stop that is recorded (the bundle is no longer persistently started): unloaded at STOPPING. */
    @Test
    public void aStopIsUnloadedBeforeStopReturns() throws Exception {
        Bundle bundle = loadedModule("ord.stopped");
        bundle.stop();
        assertFalse(loadedIds().contains("ord.stopped"));
        assertEquals(List.of("Loaded(ord.stopped 1.0.0)", "Unloaded(ord.stopped 1.0.0)"), history("ord.stopped"));
    }

    /**
     * STOPPING, STOPPED with the bundle still persistently started, and nothing after: OSGi does not tell
     * this from the first half of an update, so it is decided by the bundle's next event.
     */
    @Test
    public void aTransientStopIsDecidedByTheBundlesNextEvent() throws Exception {
        Bundle bundle = loadedModule("ord.transient");
        bundle.stop(Bundle.STOP_TRANSIENT);
        assertFalse("listed as loaded while stopped", loadedIds().contains("ord.transient"));
        assertEquals(List.of("Loaded(ord.transient 1.0.0)"), history("ord.transient"));
        bundle.start();
        Await.until("loaded again", () -> loadedIds().contains("ord.transient"));
        assertEquals(List.of("Loaded(ord.transient 1.0.0)", "Unloaded(ord.transient 1.0.0)",
                "Loaded(ord.transient 1.0.0)"), history("ord.transient"));
    }

    /** An update whose new revision does not resolve fires no event after UPDATED: uninstall decides it. */
    @Test
    public void anUpdateThatDoesNotResolveIsUnloadedWhenTheBundleGoes() throws Exception {
        Bundle bundle = loadedModule("ord.broken");
        try {
            bundle.update(TestModules.module("ord.broken", "2.0.0")
                    .set(Constants.IMPORT_PACKAGE, "org.nodebus.nowhere").build());
            fail("the new revision should not resolve");
        } catch (BundleException expected) {
            // Felix: Unable to resolve ord.broken [..](R ..): missing requirement
        }
        assertFalse("listed as loaded while it does not run", loadedIds().contains("ord.broken"));
        assertEquals(List.of("Loaded(ord.broken 1.0.0)"), history("ord.broken"));
        bundle.uninstall();
        assertEquals(List.of("Loaded(ord.broken 1.0.0)", "Unloaded(ord.broken 1.0.0)"), history("ord.broken"));
    }
}
