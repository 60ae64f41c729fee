package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.nodebus.api.Event;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventType;
import org.nodebus.testing.Await;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/** Module lifecycle events (README, "Semantics worth knowing"): scenarios 1 and 2, update, stop and uninstall. */
@ExamReactorStrategy(PerMethod.class)
public class ModuleLifecycleIT extends NodeBusTest {
    private static final EventType[] WATCH = {EventType.MODULE_LOADED, EventType.MODULE_UNLOADED,
        EventType.MODULE_RELOADED, EventType.MODULE_CRASHED, EventType.NEW_BLOCK};

    @Test
    public void scenarios1And2AHotLoadedModuleSeesTheLoadedOnesAsReplaysAndIsAnnouncedToThem() throws Exception {
        List<Event> a = TestModules.observer(context, "test.a", WATCH);
        Await.until("A is loaded", () -> loadedIds().contains("test.a"));

        TestModules.start(context, TestModules.recordingModule("test.b", "2.0.0", WATCH));
        List<Event> b = TestModules.recorded(context, "test.b");
        Lifecycle.fence(publisher, List.of(a, b));

        assertEquals(List.of("Loaded(test.b 2.0.0)"), Lifecycle.history(a, "test."));
        assertEquals(List.of("Loaded*(test.a 1.0.0)"), Lifecycle.history(b, "test."));
        assertEquals(List.of("test.a", "test.b"), loadedIds());
        Event replay = b.stream().filter(Event::replay).findFirst().orElseThrow();
        Event marker = b.get(b.size() - 1);
        assertTrue("the replay comes before live events", b.indexOf(replay) < b.indexOf(marker));
    }

    @Test
    public void aModuleThatNeverSubscribesIsAnnouncedAndABundleWithoutTheHeaderIsNot() throws Exception {
        List<Event> observer = TestModules.observer(context, "test.observer", WATCH);
        Bundle silent = TestModules.startModule(context, "test.silent");
        Bundle plain = TestModules.start(context, TestModules.plainBundle("test.plain"));
        Await.until("the silent module is announced", () -> loadedIds().contains("test.silent"));
        plain.stop();
        plain.uninstall();
        silent.stop();
        Lifecycle.fence(publisher, List.of(observer));
        assertEquals(List.of("Loaded(test.silent 1.0.0)", "Unloaded(test.silent 1.0.0)"),
                Lifecycle.history(observer, "test."));
    }

    @Test
    public void updateReloadsStopUnloadsAndUninstallingAStoppedModuleSaysNothingMore() throws Exception {
        List<Event> observer = TestModules.observer(context, "test.observer", WATCH);
        Bundle module = TestModules.start(context, TestModules.recordingModule("test.updated", "1.0.0", WATCH));
        Await.until("loaded", () -> loadedIds().contains("test.updated"));

        module.update(TestModules.recordingModule("test.updated", "1.1.0", WATCH).build());
        Await.until("reloaded", () -> Lifecycle.history(observer, "test.updated").size() == 2);
        assertEquals("1.1.0", eventManager.getLoadedModules().stream()
                .filter(m -> m.moduleId().equals("test.updated")).findFirst().orElseThrow().version());
        module.stop();
        module.uninstall();
        Lifecycle.fence(publisher, List.of(observer));
        assertEquals(List.of("Loaded(test.updated 1.0.0)", "Reloaded(test.updated 1.0.0->1.1.0)",
                "Unloaded(test.updated 1.1.0)"), Lifecycle.history(observer, "test."));
        assertEquals("the updated module is not told of its own reload", List.of(),
                Lifecycle.history(TestModules.recorded(context, "test.observer"), "test.observer"));
    }

    @Test
    public void theModulesCommandListsLoadedModules() throws Exception {
        Bundle module = TestModules.start(context, TestModules.recordingModule("test.listed", "3.1.4", WATCH));
        Await.until("loaded", () -> loadedIds().contains("test.listed"));
        ModuleInfo info = eventManager.getLoadedModules().stream().filter(m -> m.moduleId().equals("test.listed"))
                .findFirst().orElseThrow();
        assertEquals("3.1.4", info.version());
        assertEquals(module.getBundleId(), info.bundleId());
        String out = new Shell(commandProcessor).run("nodebus:modules");
        assertTrue(out, out.lines().anyMatch(l -> l.matches("test\\.listed\\s+3\\.1\\.4\\s+" + module.getBundleId()
                + "\\s+HEALTHY\\s+0\\s+\\d{4}-.*")));
    }

    private List<String> loadedIds() {
        return eventManager.getLoadedModules().stream().map(ModuleInfo::moduleId)
                .filter(id -> id.startsWith("test.")).toList();
    }
}
