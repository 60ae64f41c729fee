package org.nodebus.eventmanager.lifecycle;

import static org.nodebus.internal.module.Modules.isModule;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.nodebus.internal.log.LifecycleLog;
import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.eventmanager.config.CrashPolicy;
import org.nodebus.eventmanager.delivery.DeliveryCore;
import org.nodebus.eventmanager.delivery.HealthListener;
import org.nodebus.eventmanager.delivery.SubscriberEntry;
import org.nodebus.eventmanager.delivery.SubscriptionObserver;
import org.nodebus.eventmanager.delivery.Throwables;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link ModuleStates} from the framework: bundle events, subscriptions, component changes, health
 * and crashes. Each input is read from the framework first, with no lock held, then applied to the
 * records under the EventManager's publish lock ({@link DeliveryCore#atomically}); what the records decide
 * to do outside the lock (ask Declarative Services, stop a crashed bundle, log) happens after it is left.
 *
 * <p>Declarative Services is asked on the lifecycle's own thread ({@code nodebus-lifecycle}): when a
 * module's bundle has started, and again each time the {@link ServiceComponentRuntime} changes its {@code
 * service.changecount} ({@link #componentsChanged()}), for the modules still waiting for their components.
 * One exception, because Felix SCR changes no component state (so no change count) when an activate method
 * throws: while a probe finds an immediate component being activated, it asks again after 25 ms, doubling
 * to 1.6 s, for at most 30 s.
 *
 * <p>Update detection relies on the order Felix 7 fires a bundle's events, all on the thread that
 * changes the bundle. Update of an ACTIVE bundle: STOPPING, STOPPED (the bundle still persistently
 * started), UNRESOLVED, UPDATED, RESOLVED, STARTING, STARTED. Refresh: STOPPING, STOPPED, UNRESOLVED,
 * RESOLVED, STARTING, STARTED. Stop: STOPPING, STOPPED (no longer persistently started). Transient stop:
 * STOPPING, STOPPED (still persistently started), then nothing. Uninstall: STOPPING, STOPPED, UNRESOLVED,
 * UNINSTALLED. A stop that is recorded has cleared the bundle's persistent flag before STOPPING is fired,
 * so STOPPING unloads at once when the bundle is no longer persistently started, when the framework is
 * stopping, or when NodeBus stops it itself. Any other stop (the bundle still persistently started) is
 * decided by the bundle's next event after STOPPED: UPDATED makes it a reload, any other (but UNRESOLVED)
 * an unload. A transient stop by someone else ({@code stop -t}, a start level change) has no next event
 * until the bundle is started, updated, refreshed or uninstalled: until then observers still know the
 * module as loaded (it is not listed as loaded and gets nothing); OSGi does not tell that stop from the
 * first half of an update.
 *
 * <p>Felix fires STARTING and STOPPING while it holds the bundle's lock, but STARTED, STOPPED and
 * UNINSTALLED after releasing it, so those three may come in late, after events of a newer start or stop
 * of the same bundle on another thread. The records act on STARTED and STOPPED only in the phase they end,
 * and an activator that threw is told from the STOPPING of a stop by what Felix leaves the bundle in: it
 * fires that STOPPING while the bundle is still STARTING.
 *
 * <p>A crash stop ({@code crash.policy=stop}) runs on a thread of its own ({@code nodebus-crash-stop}),
 * since the module's stop code runs in it, and only while the incarnation that crashed still runs; its
 * STOPPING, fired on that thread, is final.
 */
public final class ModuleLifecycle implements SubscriptionObserver, HealthListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleLifecycle.class);

    private final BundleContext context;
    private final DeliveryCore core;
    private final ServiceComponentRuntime scr;
    private final Supplier<CrashPolicy> crashPolicy;
    /** Felix SCR records a throwing activate method without a state change, so its change count stays put. */
    private static final long FIRST_RETRY_MILLIS = 25;
    private static final long LAST_RETRY_MILLIS = 1_600;
    private static final long RETRY_FOR_MILLIS = 30_000;

    private final ScheduledExecutorService executor;
    /** runs crash stops: they run the module's own stop code, which must not hold up the lifecycle thread */
    private final ExecutorService crashStops;
    /** the bundle a crash stop stops on this thread: its STOPPING is no update */
    private final ThreadLocal<Long> crashStopHere = new ThreadLocal<>();
    /** the probes with a chain of retries scheduled */
    private final Set<AfterLock.Probe> retrying = ConcurrentHashMap.newKeySet();
    /** guarded by the core's publish lock */
    private final ModuleStates states;

    public ModuleLifecycle(BundleContext context, DeliveryCore core, ServiceComponentRuntime scr,
            Supplier<CrashPolicy> crashPolicy) {
        this.context = context;
        this.core = core;
        this.scr = scr;
        this.crashPolicy = crashPolicy;
        this.states = new ModuleStates((payload, except) -> {
            if (except == null) {
                core.publish(Event.NODE_PUBLISHER, payload);
            } else {
                core.publishExcept(Event.NODE_PUBLISHER, payload, except);
            }
        }, Clock.systemUTC());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "nodebus-lifecycle"));
        this.crashStops = Executors.newCachedThreadPool(r -> daemon(r, "nodebus-crash-stop"));
    }

    /**
     * Takes in the module bundles already running. Call it after the bundle listener is registered: an
     * event that comes in meanwhile is newer than what this finds, and wins.
     */
    public void start() {
        apply(ModuleStates::scanBegins);
        try {
            for (Bundle bundle : context.getBundles()) {
                int state = bundle.getState();
                if ((state & (Bundle.STARTING | Bundle.ACTIVE)) != 0 && bundle.getBundleId() != 0) {
                    BundleFacts facts = facts(bundle);
                    apply(s -> s.found(facts, state == Bundle.ACTIVE));
                }
            }
        } finally {
            apply(ModuleStates::scanEnds);
        }
    }

    /** @return the loaded modules in load order */
    public List<LoadedModule> loadedModules() {
        return states.loaded();
    }

    // ---- bundle events (synchronous, on the thread that changes the bundle) -----------------------

    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        long id = bundle.getBundleId();
        if (id == 0) {
            return;
        }
        int type = event.getType();
        Consumer<ModuleStates> change = switch (type) {
            case BundleEvent.STARTING -> {
                BundleFacts facts = facts(bundle);
                yield s -> s.starting(facts);
            }
            case BundleEvent.STARTED -> s -> s.started(id);
            case BundleEvent.STOPPING -> {
                // a stop that is recorded clears the persistent flag before STOPPING is fired
                boolean stopIsFinal = !persistentlyStarted(bundle) || frameworkStopping() || Long.valueOf(id).equals(crashStopHere.get());
                // Felix fires STOPPING without leaving STARTING when the activator threw, under the bundle lock
                boolean activatorThrew = bundle.getState() == Bundle.STARTING;
                yield s -> s.stopping(id, stopIsFinal, activatorThrew);
            }
            case BundleEvent.STOPPED -> s -> s.stopped(id);
            case BundleEvent.UPDATED -> {
                BundleFacts facts = facts(bundle);
                yield s -> s.updated(facts);
            }
            case BundleEvent.RESOLVED -> s -> s.resolved(id);
            case BundleEvent.UNINSTALLED -> s -> s.uninstalled(id);
            default -> s -> { }; // INSTALLED, UNRESOLVED, LAZY_ACTIVATION decide nothing
        };
        apply(s -> {
            s.heard(id, type == BundleEvent.STARTED);
            change.accept(s);
        });
    }

    private BundleFacts facts(Bundle bundle) {
        String name = bundle.getSymbolicName();
        boolean module = name != null && isModule(bundle);
        return new BundleFacts(bundle.getBundleId(), name, bundle.getVersion().toString(), module,
                module && ModuleIdentity.olderNamesake(context, bundle).isPresent(),
                bundle.getHeaders("").get("Service-Component") != null);
    }

    private static boolean persistentlyStarted(Bundle bundle) {
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return level != null && level.isPersistentlyStarted();
    }

    /** While the framework stops, it stops every bundle transiently: no update follows. */
    private boolean frameworkStopping() {
        Bundle system = context.getBundle(0);
        return system == null || system.getState() == Bundle.STOPPING;
    }

    // ---- subscriptions (under the publish lock) ---------------------------------------------------

    @Override
    public void subscribed(SubscriberEntry entry, Set<EventType> newTypes) {
        if (newTypes.contains(EventType.MODULE_LOADED)) {
            for (var module : states.replayFor(entry.moduleId())) {
                core.replayTo(entry, Event.NODE_PUBLISHER, new ModuleLoaded(module.moduleId(), module.version()));
            }
        }
        states.subscribed(entry.bundleId(), entry.moduleId());
    }

    @Override
    public void afterSubscribed() {
        apply(s -> { });
    }

    /**
     * An EventSubscriber service of the bundle that the EventManager ignored (it names no valid event
     * type): the module asked for nothing it could miss, so it need not wait for a subscription.
     */
    public void subscriberIgnored(long bundleId, String moduleId) {
        apply(s -> s.subscribed(bundleId, moduleId));
    }

    // ---- components -------------------------------------------------------------------------------

    /** The component runtime changed its change count: ask again for the modules waiting for components. */
    public void componentsChanged() {
        List<AfterLock.Probe> waiting = query(ModuleStates::waitingForComponents);
        for (AfterLock.Probe probe : waiting) {
            submit(() -> probe(probe));
        }
    }

    /** On the lifecycle thread. */
    private void probe(AfterLock.Probe probe) {
        Bundle bundle = context.getBundle(probe.bundleId());
        if (bundle == null || bundle.getState() != Bundle.ACTIVE) {
            return; // its next event tells the records
        }
        ComponentState state = ComponentProbe.of(scr, bundle);
        if (state.failure() != null) {
            apply(s -> s.componentFailed(probe.bundleId(), probe.incarnation(), state.failure()));
        } else if (state.settled()) {
            apply(s -> s.settled(probe.bundleId(), probe.incarnation()));
        } else {
            LOG.debug("Module {} is ACTIVE and not announced yet: it waits for {}", bundle.getSymbolicName(),
                    state.waiting());
            if (state.activating() && retrying.add(probe)) {
                retry(probe, FIRST_RETRY_MILLIS, 0);
            }
        }
    }

    /**
     * Asks again, while an activation is in progress, until it ended or the incarnation is gone. One chain
     * of retries per incarnation: the change count may move many times meanwhile.
     */
    private void retry(AfterLock.Probe probe, long delayMillis, long waitedMillis) {
        if (waitedMillis >= RETRY_FOR_MILLIS) {
            retrying.remove(probe);
            return;
        }
        try {
            executor.schedule(() -> guarded(() -> {
                Bundle bundle = context.getBundle(probe.bundleId());
                boolean waiting = query(s -> s.waitingForComponents().contains(probe));
                if (bundle == null || !waiting || bundle.getState() != Bundle.ACTIVE) {
                    retrying.remove(probe);
                    return;
                }
                ComponentState state = ComponentProbe.of(scr, bundle);
                if (state.activating()) {
                    retry(probe, Math.min(delayMillis * 2, LAST_RETRY_MILLIS), waitedMillis + delayMillis);
                } else {
                    retrying.remove(probe);
                    probe(probe);
                }
            }), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the EventManager is stopping
        }
    }

    // ---- health and crashes (on the delivery core's health thread, no lock held) ------------------

    @Override
    public void healthChanged(String moduleId, long bundleId, ModuleHealth oldHealth, ModuleHealth newHealth) {
        apply(s -> s.healthChanged(bundleId, moduleId, oldHealth, newHealth));
    }

    @Override
    public void crashed(String moduleId, long bundleId, Throwable error) {
        String description = Throwables.describe(error);
        boolean willStop = crashPolicy.get() == CrashPolicy.STOP;
        apply(s -> s.listenerCrashed(bundleId, moduleId, description, willStop));
    }

    private void applyCrashPolicy(AfterLock.CrashPolicy crash) {
        if (crashPolicy.get() != CrashPolicy.STOP) {
            return;
        }
        // never stop a bundle on the thread that delivers to it or starts it, nor on the lifecycle thread:
        // the module's stop code runs, and may take its time
        try {
            crashStops.execute(() -> guarded(() -> stopCrashed(crash)));
        } catch (RejectedExecutionException closed) {
            // the EventManager is stopping
        }
    }

    private void stopCrashed(AfterLock.CrashPolicy crash) {
        Bundle bundle = context.getBundle(crash.bundleId());
        if (bundle == null || !query(s -> s.stillRunning(crash.bundleId(), crash.incarnation()))) {
            return; // it stopped meanwhile, or was started anew: that incarnation did not crash
        }
        LOG.info("Stopping crashed module {} (crash.policy=stop); start it again with: start {}", crash.moduleId(),
                crash.bundleId());
        crashStopHere.set(crash.bundleId());
        try {
            bundle.stop(Bundle.STOP_TRANSIENT);
        } catch (BundleException | IllegalStateException e) {
            LOG.error("Could not stop crashed module {}: {}", crash.moduleId(), e.toString());
        } finally {
            crashStopHere.remove();
        }
    }

    // ---- the one way into the records -------------------------------------------------------------

    /** Changes the records under the publish lock, then does what they decided outside it. */
    private void apply(Consumer<ModuleStates> change) {
        query(s -> {
            change.accept(s);
            return null;
        });
    }

    private <T> T query(Function<ModuleStates, T> read) {
        List<T> value = new ArrayList<>(1);
        List<AfterLock> work = new ArrayList<>();
        core.atomically(() -> {
            value.add(read.apply(states));
            work.addAll(states.drain());
        });
        for (AfterLock item : work) {
            if (item instanceof AfterLock.Probe probe) {
                submit(() -> probe(probe));
            } else if (item instanceof AfterLock.CrashPolicy crash) {
                applyCrashPolicy(crash);
            } else if (item instanceof AfterLock.Log log) {
                log(log);
            }
        }
        return value.get(0);
    }

    private static void log(AfterLock.Log log) {
        switch (log.level()) {
            case DEBUG -> LOG.debug(log.message());
            case INFO -> LOG.info(log.message());
            case FACT -> LifecycleLog.FACTS.info(log.message());
            case ERROR -> LifecycleLog.FACTS.error(log.message());
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(() -> guarded(task));
        } catch (RejectedExecutionException closed) {
            // the EventManager is stopping
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            // a crash stop runs the module's own stop code: nothing it throws may end the lifecycle thread
            LOG.error("Module lifecycle task failed", e);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        crashStops.shutdownNow();
    }
}
