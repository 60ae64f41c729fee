package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;
import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.ModuleCrashed;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.ModuleHealthChanged;
import org.nodebus.api.event.NewBlock;
import org.nodebus.itests.modules.FailingComponent;
import org.nodebus.itests.modules.ThrowingActivator;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/** ModuleCrashed for an activator that throws, a DS component that fails, a listener that throws an Error. */
@ExamReactorStrategy(PerMethod.class)
public class ModuleCrashIT extends NodeBusTest {
    private static final EventType[] WATCH = {EventType.MODULE_LOADED, EventType.MODULE_UNLOADED,
        EventType.MODULE_CRASHED, EventType.MODULE_HEALTH_CHANGED, EventType.NEW_BLOCK};

    private List<Event> observer() throws BundleException {
        return TestModules.observer(context, "test.observer", WATCH);
    }

    @Test
    public void anActivatorThatThrowsIsACrash() throws Exception {
        List<Event> observer = observer();
        Bundle broken = TestModules.install(context, TestModules.module("test.broken", "1.0.0")
                .set(Constants.BUNDLE_ACTIVATOR, ThrowingActivator.class.getName())
                .set(Constants.IMPORT_PACKAGE, "org.osgi.framework")
                .add(ThrowingActivator.class));
        try {
            broken.start();
            fail("the activator should have thrown");
        } catch (BundleException expected) {
            // the framework reports it to the caller; NodeBus reports it to the modules
        }
        Lifecycle.fence(publisher, List.of(observer));
        List<String> history = Lifecycle.history(observer, "test.broken");
        assertEquals(history.toString(), 1, history.size());
        assertTrue(history.get(0), history.get(0).startsWith("Crashed(test.broken: its bundle failed to start"));
    }

    @Test
    public void aComponentWhoseActivateThrowsIsACrashAndThePolicyStopsTheBundle() throws Exception {
        List<Event> observer = observer();
        String xml = "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"test.failing\""
                + " immediate=\"true\" activate=\"activate\"><implementation class=\""
                + FailingComponent.class.getName() + "\"/></scr:component>";
        Bundle failing = TestModules.start(context, TestModules.module("test.failing", "1.0.0")
                .set("Service-Component", "OSGI-INF/failing.xml")
                .add("OSGI-INF/failing.xml", xml.getBytes(StandardCharsets.UTF_8))
                .add(FailingComponent.class));
        Await.until("crash reported", () -> Lifecycle.history(observer, "test.failing").size() == 1,
                () -> Lifecycle.history(observer, "test.failing"));
        String crash = Lifecycle.history(observer, "test.failing").get(0);
        assertTrue(crash, crash.contains("a component failed to activate") && crash.contains("database missing"));
        Await.until("crash.policy=stop stopped the bundle", () -> failing.getState() == Bundle.RESOLVED);
        Lifecycle.fence(publisher, List.of(observer));
        assertEquals("it was never loaded, so nothing is unloaded", 1, Lifecycle.history(observer, "test.failing").size());
    }

    @Test
    public void aListenerThatThrowsAnErrorCrashesItsModuleWhichIsStoppedAndUnloaded() throws Exception {
        List<Event> observer = observer();
        Bundle module = TestModules.startModule(context, "test.erring");
        TestModules.subscribe(module, erring(), EventType.NEW_BLOCK);
        Await.until("loaded", () -> Lifecycle.history(observer, "test.erring").size() == 1);
        publisher.publish(new NewBlock(Hash32.of(new byte[32]), 1));
        Await.until("stopped by the crash policy", () -> module.getState() == Bundle.RESOLVED);
        Lifecycle.fence(publisher, List.of(observer));
        List<String> history = Lifecycle.history(observer, "test.erring");
        assertEquals(history.toString(), 3, history.size());
        assertEquals("Loaded(test.erring 1.0.0)", history.get(0));
        assertTrue(history.get(1), history.get(1).startsWith("Crashed(test.erring: its listener threw java.lang.AssertionError: "));
        assertEquals("Unloaded(test.erring 1.0.0)", history.get(2));
        assertTrue("the health change is published", observer.stream().anyMatch(e -> e.payload()
                instanceof ModuleHealthChanged h && h.moduleId().equals("test.erring")
                && h.newHealth() == ModuleHealth.CRASHED));
        assertTrue(observer.stream().anyMatch(e -> e.payload() instanceof ModuleCrashed c
                && c.error().contains("listener gave up")));
    }

    @Test
    public void withCrashPolicyLeaveTheBundleKeepsRunningUnsubscribed() throws Exception {
        configure("org.nodebus.eventmanager", "crash.policy", "leave", "module.buffer.sizes", "test.config.applied=7");
        Shell shell = new Shell(commandProcessor);
        Bundle marker = TestModules.startModule(context, "test.config.applied");
        TestModules.subscribe(marker, new Recorder(), EventType.NEW_BLOCK);
        Await.until("the configuration applied", () -> shell.run("nodebus:stats test.config.applied").contains("/7"));

        List<Event> observer = observer();
        Bundle module = TestModules.startModule(context, "test.erring");
        TestModules.subscribe(module, erring(), EventType.NEW_BLOCK);
        publisher.publish(new NewBlock(Hash32.of(new byte[32]), 1));
        Await.until("crash reported", () -> observer.stream().anyMatch(e -> e.payload() instanceof ModuleCrashed c
                && c.moduleId().equals("test.erring")));
        Lifecycle.fence(publisher, List.of(observer));
        assertEquals(Bundle.ACTIVE, module.getState());
        assertTrue(!eventManager.getSubscribers(EventType.NEW_BLOCK).contains("test.erring"));
    }

    private static EventSubscriber erring() {
        return (Event event) -> {
            throw new AssertionError("listener gave up");
        };
    }
}
