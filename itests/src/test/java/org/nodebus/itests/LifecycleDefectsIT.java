package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.nodebus.api.Event;
import org.nodebus.api.EventManager;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.itests.modules.LateStartActivator;
import org.nodebus.itests.modules.SlowActivatingSubscriber;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** The module lifecycle defects found from the outside, each as a user observes it. */
@ExamReactorStrategy(PerMethod.class)
public class LifecycleDefectsIT extends NodeBusTest {
    private static final EventType[] WATCH = {EventType.MODULE_LOADED, EventType.MODULE_UNLOADED,
        EventType.MODULE_RELOADED, EventType.NEW_BLOCK};

    /** An observer that notes, on receipt of each live ModuleLoaded, whether that module was subscribed. */
    private static final class AnnouncementWitness extends Recorder {
        final List<String> subscribedWhenAnnounced = new CopyOnWriteArrayList<>();
        volatile EventManager manager;

        @Override
        public void onEvent(Event event) {
            if (event.payload() instanceof ModuleLoaded loaded && !event.replay()) {
                boolean subscribed = manager.getSubscribers(EventType.MODULE_LOADED).contains(loaded.moduleId());
                subscribedWhenAnnounced.add(loaded.moduleId() + "=" + subscribed);
            }
            super.onEvent(event);
        }
    }

    @Test
    public void aModuleIsAnnouncedOnlyOnceItsSubscriberIsRegistered() throws Exception {
        Bundle observerModule = TestModules.startModule(context, "def.observer");
        AnnouncementWitness observer = new AnnouncementWitness();
        observer.manager = TestModules.manager(observerModule);
        TestModules.subscribe(observerModule, observer, WATCH);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"def.late.subscriber\" "
                + "immediate=\"true\" activate=\"activate\">\n"
                + "  <implementation class=\"" + SlowActivatingSubscriber.class.getName() + "\"/>\n"
                + "  <service><provide interface=\"org.nodebus.api.EventSubscriber\"/></service>\n"
                + "  <property name=\"nodebus.subscribe.to\" type=\"String\">MODULE_LOADED</property>\n"
                + "  <reference name=\"late\" interface=\"java.lang.Runnable\" target=\"(" + LateStartActivator.MARKER
                + "=def.late)\"/>\n"
                + "</scr:component>\n";
        Bundle late = TestModules.start(context, TestModules.module("def.late", "1.0.0")
                .set(Constants.BUNDLE_ACTIVATOR, LateStartActivator.class.getName())
                .set(Constants.IMPORT_PACKAGE, "org.osgi.framework,org.nodebus.api,org.nodebus.api.event")
                .set("Service-Component", "OSGI-INF/late.xml")
                .add("OSGI-INF/late.xml", xml.getBytes(StandardCharsets.UTF_8))
                .add(LateStartActivator.class)
                .add(SlowActivatingSubscriber.class));
        Await.until("def.late is announced", () -> observer.subscribedWhenAnnounced.stream()
                .anyMatch(s -> s.startsWith("def.late=")), () -> observer.subscribedWhenAnnounced);
        assertEquals("announced before it could receive events", List.of("def.late=true"),
                observer.subscribedWhenAnnounced.stream().filter(s -> s.startsWith("def.late=")).toList());
        assertEquals(Bundle.ACTIVE, late.getState());
    }

    @Test
    public void aSecondListenerHearsOfEachModuleOnceAndOnlyOfModulesItSawLoaded() throws Exception {
        Bundle module = TestModules.startModule(context, "def.watcher");
        Recorder first = new Recorder().hold();
        TestModules.subscribe(module, first, WATCH);
        TestModules.publisher(context.getBundle()).publish(new org.nodebus.api.event.NewBlock(
                org.nodebus.api.event.Hash32.of(new byte[32]), 1));
        first.awaitEntered(); // the module's queue now holds whatever comes next
        TestModules.startModule(context, "def.x");
        Bundle y = TestModules.startModule(context, "def.y");
        y.stop();
        EventManager manager = TestModules.manager(module);
        Await.until("x loaded, y not", () -> loadedIds(manager).contains("def.x") && !loadedIds(manager).contains("def.y"));
        Recorder second = new Recorder();
        TestModules.subscribe(module, second, WATCH);
        first.open();
        Lifecycle.fence(TestModules.publisher(context.getBundle()), List.of(first.events, second.events));
        assertEquals("the second listener: one replay of x, nothing of y", List.of("Loaded*(def.x 1.0.0)"),
                Lifecycle.history(second.events, "def."));
        assertEquals("the first listener saw it all live", List.of("Loaded(def.x 1.0.0)", "Loaded(def.y 1.0.0)",
                "Unloaded(def.y 1.0.0)"), Lifecycle.history(first.events, "def."));
    }

    @Test
    public void aRenamingUpdateUnloadsTheOldNameAndLoadsTheNewOne() throws Exception {
        Bundle observerModule = TestModules.startModule(context, "def.observer");
        Recorder observer = new Recorder();
        TestModules.subscribe(observerModule, observer, WATCH);
        EventManager manager = TestModules.manager(observerModule);
        Bundle bundle = TestModules.start(context, TestModules.recordingModule("def.old", "1.0.0", EventType.NEW_BLOCK));
        Await.until("def.old loaded", () -> loadedIds(manager).contains("def.old"));
        bundle.update(TestModules.recordingModule("def.new", "2.0.0", EventType.NEW_BLOCK).build());
        Await.until("def.new loaded", () -> loadedIds(manager).contains("def.new"));
        assertFalse("the old name is left loaded", loadedIds(manager).contains("def.old"));
        assertFalse("the old name keeps statistics", manager.getAllDeliveryStats().containsKey("def.old"));
        bundle.uninstall();
        Await.until("def.new unloaded", () -> !loadedIds(manager).contains("def.new"));
        Lifecycle.fence(TestModules.publisher(context.getBundle()), List.of(observer.events));
        assertEquals(List.of("Loaded(def.old 1.0.0)", "Unloaded(def.old 1.0.0)", "Loaded(def.new 2.0.0)",
                "Unloaded(def.new 2.0.0)"), Lifecycle.history(observer.events, "def."));
        Bundle later = TestModules.startModule(context, "def.later");
        Recorder laterEvents = new Recorder();
        TestModules.subscribe(later, laterEvents, WATCH);
        Lifecycle.fence(TestModules.publisher(context.getBundle()), List.of(laterEvents.events));
        assertEquals("no ghost is replayed", List.of(), Lifecycle.history(laterEvents.events, "def.old"));
    }

    @Test
    public void anImpostorRunningWhenTheEventManagerStartsIsNeverTheModule() throws Exception {
        Bundle real = TestModules.startModule(context, "def.twin");
        Bundle impostor = TestModules.start(context, TestModules.module("def.twin", "2.0.0"));
        Bundle eventManagerBundle = List.of(context.getBundles()).stream()
                .filter(b -> "org.nodebus.eventmanager".equals(b.getSymbolicName())).findFirst().orElseThrow();
        eventManagerBundle.stop();
        eventManagerBundle.start();
        EventManager manager = TestModules.manager(real);
        Await.until("def.twin loaded", () -> loadedIds(manager).contains("def.twin"));
        Bundle observerModule = TestModules.startModule(context, "def.observer");
        Recorder observer = new Recorder();
        TestModules.subscribe(observerModule, observer, WATCH);
        ModuleInfo twin = manager.getLoadedModules().stream().filter(m -> m.moduleId().equals("def.twin"))
                .findFirst().orElseThrow();
        assertEquals("the older bundle is the module", real.getBundleId(), twin.bundleId());
        impostor.stop();
        Lifecycle.fence(TestModules.publisher(context.getBundle()), List.of(observer.events));
        assertTrue("the impostor's stop leaves the module loaded", loadedIds(manager).contains("def.twin"));
        assertEquals(List.of("Loaded*(def.twin 1.0.0)"), Lifecycle.history(observer.events, "def.twin"));
        real.stop();
        EventManager observers = TestModules.manager(observerModule);
        Await.until("the real module's stop unloads it", () -> !loadedIds(observers).contains("def.twin"));
    }

    private static List<String> loadedIds(EventManager manager) {
        return manager.getLoadedModules().stream().map(ModuleInfo::moduleId).toList();
    }
}
