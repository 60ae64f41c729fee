package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.Test;
import org.nodebus.api.Event;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.ModuleReloaded;
import org.nodebus.api.event.ModuleUnloaded;
import org.nodebus.itests.modules.LateStartActivator;
import org.nodebus.itests.modules.QuickSubscriber;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Random rounds of install, start, stop, update (with and without a new symbolic name) and uninstall of
 * several modules, while observer listeners subscribe and unsubscribe. Afterwards every observer's history
 * of every module must be a valid word: it starts with a ModuleLoaded (a replay if the module was loaded
 * when the listener subscribed), then ModuleReloaded any number of times, then ModuleUnloaded, and so on;
 * no duplicate, no gap, no observer told of its own module; and the last word agrees with the loaded
 * modules. {@code nodebus.lifecycle.runs} runs with fresh seeds and module names in one container;
 * {@code nodebus.lifecycle.seed} replays a failed run's seed. (The operations are replayed exactly; the
 * timing of the framework and of Declarative Services is not.)
 */
@ExamReactorStrategy(PerClass.class)
public class LifecycleRandomIT extends NodeBusTest {
    private static final EventType[] WATCH = {EventType.MODULE_LOADED, EventType.MODULE_UNLOADED,
        EventType.MODULE_RELOADED, EventType.NEW_BLOCK};
    private static final int SLOTS = 6;
    private static final int OBSERVERS = 3;
    private static final int OPERATIONS = 120;
    private static final Kind[] KINDS = {Kind.ACTIVATOR, Kind.DS_SUBSCRIBER, Kind.DS_DELAYED, Kind.PLAIN,
        Kind.DS_LATE, Kind.DS_IMMEDIATE};

    @Override
    protected Option[] extraOptions() {
        return new Option[] {systemProperty("nodebus.lifecycle.runs").value(System.getProperty("nodebus.lifecycle.runs", "3")),
                systemProperty("nodebus.lifecycle.seed").value(System.getProperty("nodebus.lifecycle.seed", ""))};
    }

    /** What a slot's module is: how it starts and whether it subscribes. */
    private enum Kind {
        /** subscribes from its activator */
        ACTIVATOR,
        /** a DS subscriber component that takes 20 ms to activate */
        DS_SUBSCRIBER,
        /** a delayed DS component that never subscribes (announced once satisfied) */
        DS_DELAYED,
        /** a manifest and nothing else */
        PLAIN,
        /** a DS subscriber that needs a service its own bundle registers 30 ms after it started */
        DS_LATE,
        /** an immediate DS component without a service that takes 20 ms to activate (never subscribes) */
        DS_IMMEDIATE;

        boolean subscribes() {
            return this == ACTIVATOR || this == DS_SUBSCRIBER || this == DS_LATE;
        }
    }

    private static BundleBuilder module(Kind kind, String name, int version) {
        String v = version + ".0.0";
        switch (kind) {
            case ACTIVATOR:
                return TestModules.recordingModule(name, v, EventType.NEW_BLOCK);
            case DS_SUBSCRIBER:
                return component(name, v, scr(name + ".subscriber", true, "org.nodebus.api.EventSubscriber", SUBSCRIBES));
            case DS_DELAYED:
                return component(name, v, scr(name + ".delayed", false, "java.lang.Runnable", ""));
            case DS_LATE:
                return component(name, v, scr(name + ".late", true, "org.nodebus.api.EventSubscriber", SUBSCRIBES
                        + "<reference name=\"late\" interface=\"java.lang.Runnable\" target=\"("
                        + LateStartActivator.MARKER + "=" + name + ")\"/>"))
                        .set(org.osgi.framework.Constants.BUNDLE_ACTIVATOR, LateStartActivator.class.getName())
                        .set(LateStartActivator.DELAY_HEADER, "30")
                        .set(org.osgi.framework.Constants.IMPORT_PACKAGE,
                                "org.osgi.framework,org.nodebus.api,org.nodebus.api.event")
                        .add(LateStartActivator.class);
            case DS_IMMEDIATE:
                return component(name, v, scr(name + ".immediate", true, null, ""));
            default:
                return TestModules.module(name, v);
        }
    }

    private static final String SUBSCRIBES =
            "<property name=\"nodebus.subscribe.to\" type=\"String\">NEW_BLOCK</property>";

    /** A component description of QuickSubscriber (20 ms to activate), providing the service if one is named. */
    private static String scr(String component, boolean immediate, String service, String inner) {
        return "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + component + "\""
                + (immediate ? " immediate=\"true\"" : "") + " activate=\"activate\">"
                + "<implementation class=\"" + QuickSubscriber.class.getName() + "\"/>"
                + (service == null ? "" : "<service><provide interface=\"" + service + "\"/></service>")
                + inner + "</scr:component>";
    }

    private static BundleBuilder component(String name, String version, String xml) {
        return TestModules.module(name, version)
                .set(org.osgi.framework.Constants.IMPORT_PACKAGE, "org.nodebus.api,org.nodebus.api.event")
                .set("Service-Component", "OSGI-INF/c.xml")
                .add("OSGI-INF/c.xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .add(QuickSubscriber.class);
    }

    /**
     * A listener that stays for the whole run and checks, as each announcement reaches it, that the module
     * can already receive what it asked for: a subscribing module has its listener registered, a module
     * with components has them active (or registered, for a delayed one). A module that stopped in between
     * fails the check innocently; {@link #assertNoneEarly} accepts a failed check only when a later event
     * about the module follows.
     */
    private static final class Witness extends Recorder {
        private final String prefix;
        private final EventManager manager;
        private final BundleContext context;
        private final ServiceComponentRuntime scr;
        /** the index in {@link #events} of each announcement that failed the check, with the reason */
        final Map<Integer, String> early = new java.util.concurrent.ConcurrentHashMap<>();

        Witness(String prefix, EventManager manager, BundleContext context, ServiceComponentRuntime scr) {
            this.prefix = prefix;
            this.manager = manager;
            this.context = context;
            this.scr = scr;
        }

        @Override
        public synchronized void onEvent(Event event) {
            String module = null;
            if (event.payload() instanceof ModuleLoaded m && !event.replay()) {
                module = m.moduleId();
            } else if (event.payload() instanceof ModuleReloaded m) {
                module = m.moduleId();
            }
            if (module != null && module.startsWith(prefix + ".m")) {
                String problem = problem(module);
                if (problem != null) {
                    early.put(events.size(), module + ": " + problem);
                }
            }
            super.onEvent(event);
        }

        private String problem(String module) {
            Kind kind = KINDS[module.charAt(prefix.length() + 2) - '0'];
            if (kind.subscribes()) {
                return manager.getSubscribers(EventType.NEW_BLOCK).contains(module) ? null
                        : "announced while it had no listener";
            }
            Bundle bundle = null;
            for (Bundle b : context.getBundles()) {
                if (module.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                    bundle = b;
                }
            }
            if (bundle == null) {
                return "announced while its bundle was not ACTIVE";
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    boolean ready = configuration.state == ComponentConfigurationDTO.ACTIVE
                            || (!description.immediate && configuration.state == ComponentConfigurationDTO.SATISFIED);
                    if (!ready) {
                        return "announced while its component " + description.name + " was in state "
                                + configuration.state;
                    }
                }
            }
            return null;
        }

        /** Every failed check is followed by an event about that module (it stopped or changed meanwhile). */
        void assertNoneEarly(String where, List<String> log) {
            early.forEach((index, problem) -> {
                String module = problem.substring(0, problem.indexOf(':'));
                boolean later = events.subList(index + 1, events.size()).stream().map(Lifecycle::describe)
                        .anyMatch(d -> d != null && d.contains("(" + module + " "));
                assertTrue(where + ": " + problem + " (event " + index + "), and nothing of it followed", later);
            });
        }
    }

    /** One observer listener's recording, from its subscription to its removal (or the end). */
    private record Listening(String observer, Recorder recorder) {
    }

    @Test
    public void everyObserverSeesEveryModulesLifeAsAValidWord() throws Exception {
        int runs = Integer.getInteger("nodebus.lifecycle.runs", 3);
        // a failure prints its seed: -Dnodebus.lifecycle.seed=<seed> replays that run first
        String replay = System.getProperty("nodebus.lifecycle.seed", "");
        for (int run = 0; run < runs; run++) {
            long seed = run == 0 && !replay.isBlank() ? Long.parseLong(replay.strip()) : System.nanoTime();
            runOnce("r" + run, seed);
        }
    }

    private void runOnce(String prefix, long seed) throws Exception {
        Random random = new Random(seed);
        String where = "run " + prefix + ", seed " + seed;
        List<Bundle> observerModules = new ArrayList<>();
        Map<String, ServiceRegistration<EventSubscriber>> live = new HashMap<>();
        Map<String, Recorder> liveRecorders = new HashMap<>();
        List<Listening> histories = new ArrayList<>();
        for (int i = 0; i < OBSERVERS; i++) {
            observerModules.add(TestModules.startModule(context, prefix + ".observer." + i));
        }
        Bundle witnessModule = TestModules.startModule(context, prefix + ".witness");
        Witness witness = new Witness(prefix, TestModules.manager(witnessModule), context,
                context.getService(context.getServiceReference(ServiceComponentRuntime.class)));
        ServiceRegistration<EventSubscriber> witnessing = TestModules.subscribe(witnessModule, witness, WATCH);
        histories.add(new Listening(prefix + ".witness", witness));
        liveRecorders.put(prefix + ".witness", witness);
        Bundle[] slots = new Bundle[SLOTS];
        int[] versions = new int[SLOTS];
        boolean[] renamed = new boolean[SLOTS];
        List<String> log = new ArrayList<>();
        for (int op = 0; op < OPERATIONS; op++) {
            int choice = random.nextInt(10);
            if (choice < 2) {
                // an observer listener comes or goes
                Bundle observer = observerModules.get(random.nextInt(OBSERVERS));
                String id = observer.getSymbolicName();
                if (live.containsKey(id)) {
                    live.remove(id).unregister();
                    liveRecorders.remove(id);
                    log.add("unsubscribe " + id);
                } else {
                    Recorder recorder = new Recorder();
                    live.put(id, TestModules.subscribe(observer, recorder, WATCH));
                    liveRecorders.put(id, recorder);
                    histories.add(new Listening(id, recorder));
                    log.add("subscribe " + id);
                }
                continue;
            }
            int slot = random.nextInt(SLOTS);
            String name = prefix + ".m" + slot + (renamed[slot] ? ".b" : ".a");
            Bundle bundle = slots[slot];
            try {
                if (bundle == null) {
                    versions[slot]++;
                    slots[slot] = TestModules.start(context, module(KINDS[slot], name, versions[slot]));
                    log.add("install+start " + name);
                } else if (choice < 4) {
                    bundle.stop();
                    log.add("stop " + name);
                } else if (choice < 6) {
                    bundle.start();
                    log.add("start " + name);
                } else if (choice < 8) {
                    boolean rename = random.nextBoolean();
                    if (rename) {
                        renamed[slot] = !renamed[slot];
                    }
                    versions[slot]++;
                    String newName = prefix + ".m" + slot + (renamed[slot] ? ".b" : ".a");
                    bundle.update(module(KINDS[slot], newName, versions[slot]).build());
                    log.add("update " + name + " -> " + newName + " " + versions[slot]);
                } else {
                    bundle.uninstall();
                    slots[slot] = null;
                    log.add("uninstall " + name);
                }
            } catch (BundleException | IllegalStateException e) {
                log.add("refused: " + e.getMessage());
            }
        }
        EventManager manager = TestModules.manager(observerModules.get(0));
        EventPublisher fence = TestModules.publisher(context.getBundle());
        Set<String> active = new TreeSet<>();
        for (Bundle b : slots) {
            if (b != null && b.getState() == Bundle.ACTIVE) {
                active.add(b.getSymbolicName());
            }
        }
        // modules with DS components are announced once Declarative Services has them ready: wait for that
        Await.until(where + ": the loaded modules are the active module bundles", () -> loaded(manager, prefix)
                .equals(active), () -> loaded(manager, prefix) + " vs " + active + "; " + log);
        Set<String> loadedNow = loaded(manager, prefix);
        // everything published before the marker has reached every live listener; removed ones are done
        Lifecycle.fence(fence, liveRecorders.values().stream().map(r -> r.events).toList());
        for (Listening listening : histories) {
            Map<String, Boolean> view = check(where + ", " + listening.observer(), listening.observer(),
                    listening.recorder().events, prefix, log);
            if (liveRecorders.get(listening.observer()) == listening.recorder()) {
                Set<String> seen = new TreeSet<>();
                view.forEach((module, loaded) -> {
                    if (loaded && module.startsWith(prefix + ".m")) {
                        seen.add(module);
                    }
                });
                assertEquals(where + ", " + listening.observer() + ": its view ends where the EventManager's does; "
                        + log, loadedNow, seen);
            }
        }
        witness.assertNoneEarly(where, log);
        assertTrue(where + ": some histories were recorded", !histories.isEmpty());
        long lifecycleEvents = histories.stream().mapToLong(h -> h.recorder().events.stream()
                .filter(e -> Lifecycle.describe(e) != null).count()).sum();
        System.out.printf("LIFECYCLE %s: %d operations, %d listener histories, %d lifecycle events checked, "
                + "%d announcements witnessed, %d of them after a change of the module%n", where, log.size(),
                histories.size(), lifecycleEvents, witness.events.stream().filter(e -> e.payload() instanceof ModuleReloaded
                        || (e.payload() instanceof ModuleLoaded && !e.replay())).count(), witness.early.size());
        for (ServiceRegistration<EventSubscriber> registration : live.values()) {
            registration.unregister();
        }
        witnessing.unregister();
        witnessModule.uninstall();
        for (Bundle b : slots) {
            if (b != null) {
                b.uninstall();
            }
        }
        for (Bundle b : observerModules) {
            b.uninstall();
        }
    }

    private static Set<String> loaded(EventManager manager, String prefix) {
        Set<String> ids = new TreeSet<>();
        for (ModuleInfo module : manager.getLoadedModules()) {
            if (module.moduleId().startsWith(prefix + ".m")) {
                ids.add(module.moduleId());
            }
        }
        return ids;
    }

    /** Replays one listener's history and fails on the first event that does not fit; returns its view. */
    private static Map<String, Boolean> check(String where, String self, List<Event> events, String prefix,
            List<String> log) {
        Map<String, Boolean> loaded = new LinkedHashMap<>();
        for (Event e : events) {
            String module;
            if (e.payload() instanceof ModuleLoaded m) {
                module = m.moduleId();
                if (!module.startsWith(prefix)) {
                    continue;
                }
                assertTrue(where + ": told of its own loading", !module.equals(self));
                assertTrue(where + ": " + module + " loaded twice (" + Lifecycle.describe(e) + "); " + log,
                        !loaded.getOrDefault(module, false));
                loaded.put(module, true);
            } else if (e.payload() instanceof ModuleReloaded m) {
                module = m.moduleId();
                if (!module.startsWith(prefix)) {
                    continue;
                }
                assertTrue(where + ": " + module + " reloaded while not loaded; " + log,
                        loaded.getOrDefault(module, false));
            } else if (e.payload() instanceof ModuleUnloaded m) {
                module = m.moduleId();
                if (!module.startsWith(prefix)) {
                    continue;
                }
                assertTrue(where + ": " + module + " unloaded while not loaded; " + log,
                        loaded.getOrDefault(module, false));
                loaded.put(module, false);
            }
        }
        return loaded;
    }
}
