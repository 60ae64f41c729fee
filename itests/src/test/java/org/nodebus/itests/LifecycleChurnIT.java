package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.Test;
import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Modules installed while others are being uninstalled, with randomised timing, and observers that join
 * in the middle: for every observer, each module's ModuleLoaded/ModuleUnloaded history alternates, with
 * no gap and no duplicate, and no module hears of its own loading.
 */
@ExamReactorStrategy(PerClass.class)
public class LifecycleChurnIT extends NodeBusTest {
    private static final int MODULES = 60;
    private static final EventType[] WATCH = {EventType.MODULE_LOADED, EventType.MODULE_UNLOADED, EventType.NEW_BLOCK};

    @Test
    public void installWhileUninstallingKeepsEveryObserversHistoryConsistent() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        TestModules.start(context, TestModules.recordingModule("test.first", "1.0.0", WATCH));
        List<String> observers = new ArrayList<>(List.of("test.first"));
        BlockingQueue<Bundle> toUninstall = new LinkedBlockingQueue<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread uninstaller = new Thread(() -> {
            Random r = new Random(seed + 1);
            try {
                for (int i = 0; i < MODULES; i++) {
                    Bundle bundle = toUninstall.poll(20, TimeUnit.SECONDS);
                    LockSupport.parkNanos(r.nextInt(2_000_000));
                    bundle.uninstall();
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "test-uninstaller");
        uninstaller.start();
        for (int i = 0; i < MODULES; i++) {
            String id = "test.churn." + i;
            boolean observes = i % 3 == 0;
            Bundle bundle = TestModules.start(context, observes
                    ? TestModules.recordingModule(id, "1.0." + i, WATCH) : TestModules.module(id, "1.0." + i));
            if (observes) {
                observers.add(id);
            }
            toUninstall.add(bundle);
            if (i == MODULES / 2) {
                TestModules.start(context, TestModules.recordingModule("test.late", "1.0.0", WATCH));
                observers.add("test.late");
            }
            LockSupport.parkNanos(random.nextInt(2_000_000));
        }
        uninstaller.join(60_000);
        assertTrue("uninstaller failed (seed " + seed + "): " + failures, failures.isEmpty());

        List<List<Event>> recordings = new ArrayList<>();
        for (String observer : List.of("test.first", "test.late")) {
            recordings.add(TestModules.recorded(context, observer));
        }
        Lifecycle.fence(publisher, recordings);

        for (String observer : List.of("test.first", "test.late")) {
            Map<String, List<String>> perModule = perModule(TestModules.recorded(context, observer));
            for (Map.Entry<String, List<String>> e : perModule.entrySet()) {
                assertAlternates("seed " + seed + ", observer " + observer + ", module " + e.getKey(), e.getValue());
            }
            assertTrue(observer + " never hears of its own loading", !perModule.containsKey(observer)
                    || perModule.get(observer).stream().noneMatch(s -> s.startsWith("Loaded")));
        }
        Map<String, List<String>> first = perModule(TestModules.recorded(context, "test.first"));
        for (int i = 0; i < MODULES; i++) {
            String id = "test.churn." + i;
            assertEquals("seed " + seed + ": the first observer sees " + id + " load and unload once",
                    List.of("Loaded(" + id + " 1.0." + i + ")", "Unloaded(" + id + " 1.0." + i + ")"), first.get(id));
        }
    }

    private static Map<String, List<String>> perModule(List<Event> events) {
        Map<String, List<String>> perModule = new TreeMap<>();
        for (String line : Lifecycle.history(events, "test.")) {
            String module = line.substring(line.indexOf('(') + 1, line.indexOf(' '));
            perModule.computeIfAbsent(module, k -> new ArrayList<>()).add(line);
        }
        return perModule;
    }

    private static void assertAlternates(String where, List<String> history) {
        for (int i = 0; i < history.size(); i++) {
            boolean loaded = history.get(i).startsWith("Loaded");
            assertEquals(where + ": " + history, i % 2 == 0, loaded);
            if (history.get(i).startsWith("Loaded*")) {
                assertEquals(where + ": a replay can only come first " + history, 0, i);
            }
        }
    }
}
