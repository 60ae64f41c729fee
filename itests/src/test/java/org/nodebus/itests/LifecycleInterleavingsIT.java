package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.nodebus.api.EventManager;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventType;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.bundle.EventHook;

/**
 * Felix fires STARTED and STOPPED after it released the bundle's lock, so another thread may start or stop
 * the bundle before the EventManager hears them. These tests hold such an event in a bundle event hook
 * (which Felix calls on the firing thread before any listener) while another thread changes the bundle,
 * then let it through late.
 */
@ExamReactorStrategy(PerMethod.class)
public class LifecycleInterleavingsIT extends NodeBusTest {
    private static final EventType[] WATCH = {EventType.MODULE_LOADED, EventType.MODULE_UNLOADED,
        EventType.MODULE_RELOADED, EventType.MODULE_CRASHED, EventType.NEW_BLOCK};

    private Recorder observer;
    private EventManager manager;
    private ServiceRegistration<EventHook> hook;

    @After
    public void removeHook() {
        if (hook != null) {
            hook.unregister();
        }
    }

    private void observe() throws Exception {
        Bundle observerModule = TestModules.startModule(context, "mix.observer");
        observer = new Recorder();
        TestModules.subscribe(observerModule, observer, WATCH);
        manager = TestModules.manager(observerModule);
    }

    private List<String> history(String prefix) {
        Lifecycle.fence(TestModules.publisher(context.getBundle()), List.of(observer.events));
        return Lifecycle.history(observer.events, prefix);
    }

    private List<String> loadedIds() {
        return manager.getLoadedModules().stream().map(ModuleInfo::moduleId).toList();
    }

    /** Holds the first event of that type of that bundle on its firing thread until released. */
    private Held hold(Bundle bundle, int type) {
        Held held = new Held();
        hook = context.registerService(EventHook.class, (BundleEvent event, Collection<BundleContext> contexts) -> {
            if (event.getBundle().equals(bundle) && event.getType() == type && held.arrived.getCount() > 0) {
                held.arrived.countDown();
                try {
                    if (!held.release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the held event was never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, null);
        return held;
    }

    interface BundleAction {
        void run() throws BundleException;
    }

    private static CompletableFuture<Void> onAnotherThread(BundleAction action) {
        return CompletableFuture.runAsync(() -> {
            try {
                action.run();
            } catch (BundleException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static final class Held {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void awaitArrived() throws InterruptedException {
            if (!arrived.await(20, TimeUnit.SECONDS)) {
                fail("the event to hold was not fired within 20 s");
            }
        }
    }

    @Test
    public void aLateStoppedOfAnEarlierStopLeavesTheNextStartLoadedAndReceiving() throws Exception {
        observe();
        Bundle module = TestModules.start(context,
                TestModules.recordingModule("mix.restarted", "1.0.0", EventType.NEW_BLOCK));
        Await.until("loaded", () -> loadedIds().contains("mix.restarted"));
        Held stopped = hold(module, BundleEvent.STOPPED);
        CompletableFuture<Void> stop = onAnotherThread(module::stop);
        stopped.awaitArrived();
        module.start(); // the stopping thread released the bundle lock and waits to fire STOPPED
        Await.until("loaded again", () -> loadedIds().contains("mix.restarted"));
        stopped.release.countDown();
        stop.get(20, TimeUnit.SECONDS);

        assertEquals(List.of("Loaded(mix.restarted 1.0.0)", "Unloaded(mix.restarted 1.0.0)",
                "Loaded(mix.restarted 1.0.0)"), history("mix.restarted"));
        assertTrue("not listed as loaded after the late STOPPED", loadedIds().contains("mix.restarted"));
        // the fence reaches the module only if the late STOPPED left the new incarnation's listener in place
        Lifecycle.fence(TestModules.publisher(context.getBundle()),
                List.of(TestModules.recorded(context, "mix.restarted")));
    }

    @Test
    public void aStopBeforeTheLateStartedIsNoCrashAndNoAnnouncement() throws Exception {
        observe();
        Bundle module = TestModules.install(context,
                TestModules.recordingModule("mix.stopped", "1.0.0", EventType.NEW_BLOCK));
        Held started = hold(module, BundleEvent.STARTED);
        CompletableFuture<Void> start = onAnotherThread(module::start);
        started.awaitArrived();
        module.stop(); // the starting thread released the bundle lock and waits to fire STARTED
        started.release.countDown();
        start.get(20, TimeUnit.SECONDS);

        assertEquals("a stop of an ACTIVE bundle reported as a failed start, or announced after its stop",
                List.of(), history("mix.stopped"));
        assertFalse(loadedIds().contains("mix.stopped"));
        module.start();
        Await.until("loaded when started again", () -> loadedIds().contains("mix.stopped"));
        assertEquals(List.of("Loaded(mix.stopped 1.0.0)"), history("mix.stopped"));
    }

    /** Without Bundle-ManifestVersion 2 a bundle needs no symbolic name; such a bundle is no module. */
    @Test
    public void aModuleUpdatedToABundleWithoutSymbolicNameIsUnloaded() throws Exception {
        observe();
        Bundle module = TestModules.start(context,
                TestModules.recordingModule("mix.nameless", "1.0.0", EventType.NEW_BLOCK));
        Await.until("loaded", () -> loadedIds().contains("mix.nameless"));
        module.update(new BundleBuilder().set(Constants.BUNDLE_VERSION, "2.0.0").build());
        assertEquals(null, module.getSymbolicName());
        Await.until("unloaded", () -> history("mix.nameless").size() == 2, () -> history("mix.nameless"));
        assertEquals(List.of("Loaded(mix.nameless 1.0.0)", "Unloaded(mix.nameless 1.0.0)"),
                history("mix.nameless"));
        assertFalse(loadedIds().contains("mix.nameless"));
    }
}
