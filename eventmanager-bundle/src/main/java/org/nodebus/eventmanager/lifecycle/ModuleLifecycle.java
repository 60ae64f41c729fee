package org.nodebus.eventmanager.lifecycle;

import static org.nodebus.internal.module.Modules.isModule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleCrashed;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.ModuleHealthChanged;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.ModuleReloaded;
import org.nodebus.api.event.ModuleUnloaded;
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
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happens to module bundles into module lifecycle events.
 *
 * <ul>
 * <li>A module is loaded when its bundle is ACTIVE and, if it subscribes, its first listener is
 * registered; if it never subscribes, once its DS components are satisfied or active.</li>
 * <li>A listener that wants ModuleLoaded first gets one replay per module already loaded (in load order,
 * its own module excluded), then live events. Replay, announcement and unloading all run under the
 * EventManager's publish lock, so no observer sees a gap or a duplicate.</li>
 * <li>A module is not told of its own ModuleLoaded or ModuleReloaded.</li>
 * <li>Stop or uninstall: ModuleUnloaded once. Update: ModuleReloaded(old, new) instead of an
 * unload/load pair. Failed start (activator or DS component): ModuleCrashed. An {@link Error} from a
 * listener: ModuleCrashed, then the crash policy.</li>
 * </ul>
 */
public final class ModuleLifecycle implements SubscriptionObserver, HealthListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleLifecycle.class);
    /** How long after an update a module that did not start again counts as unloaded. */
    private static final long RELOAD_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long WAITING_WARNING_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final BundleContext context;
    private final DeliveryCore core;
    private final ServiceComponentRuntime scr;
    private final java.util.function.Supplier<CrashPolicy> crashPolicy;
    private final ScheduledExecutorService executor;

    // guarded by the core's publish lock (core.atomically)
    private final LinkedHashMap<String, LoadedModule> loaded = new LinkedHashMap<>();
    private final Map<String, String> reloading = new LinkedHashMap<>();
    private volatile List<LoadedModule> snapshot = List.of();

    /** Module bundles that are ACTIVE but not yet loaded, with when they started waiting. */
    private final Map<Long, Long> pending = new ConcurrentHashMap<>();
    private final Set<Long> warned = ConcurrentHashMap.newKeySet();
    private final Set<Long> starting = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> updatedAt = new ConcurrentHashMap<>();

    public ModuleLifecycle(BundleContext context, DeliveryCore core, ServiceComponentRuntime scr,
            java.util.function.Supplier<CrashPolicy> crashPolicy) {
        this.context = context;
        this.core = core;
        this.scr = scr;
        this.crashPolicy = crashPolicy;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nodebus-lifecycle");
            t.setDaemon(true);
            return t;
        });
        // modules already running when the EventManager starts: settle them once their listeners are bound
        for (Bundle bundle : context.getBundles()) {
            if (isModule(bundle) && bundle.getState() == Bundle.ACTIVE) {
                var namesake = ModuleIdentity.olderNamesake(context, bundle);
                if (namesake.isPresent()) {
                    LOG.error("Not announcing bundle {} as module {}: {}", bundle.getBundleId(),
                            bundle.getSymbolicName(), ModuleIdentity.refusal(bundle, namesake.get(), "load"));
                } else {
                    pending.put(bundle.getBundleId(), System.nanoTime());
                }
            }
        }
        executor.scheduleWithFixedDelay(this::checkPending, 50, 100, TimeUnit.MILLISECONDS);
    }

    /** @return the loaded modules in load order */
    public List<LoadedModule> loadedModules() {
        return snapshot;
    }

    // ---- bundle events (synchronous, on the thread that changes the bundle) -----------------------

    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (event.getType() == BundleEvent.UPDATED) {
            renamed(bundle);
        }
        if (!isModule(bundle)) {
            return;
        }
        if (event.getType() != BundleEvent.UNINSTALLED) {
            var namesake = ModuleIdentity.olderNamesake(context, bundle);
            if (namesake.isPresent()) {
                if (event.getType() == BundleEvent.STARTED) {
                    LOG.error("Not announcing bundle {} as module {}: {}", bundle.getBundleId(),
                            bundle.getSymbolicName(), ModuleIdentity.refusal(bundle, namesake.get(), "load"));
                }
                return;
            }
        }
        long id = bundle.getBundleId();
        String moduleId = bundle.getSymbolicName();
        switch (event.getType()) {
            case BundleEvent.STARTING -> starting.add(id);
            case BundleEvent.STARTED -> {
                starting.remove(id);
                pending.put(id, System.nanoTime());
                settle(bundle);
            }
            case BundleEvent.STOPPING -> {
                pending.remove(id);
                warned.remove(id);
                if (starting.remove(id)) {
                    crashed(bundle, "its bundle failed to start: the activator threw (see the framework log)", false);
                    unloadIfReloading(moduleId);
                } else if (updating()) {
                    core.atomically(() -> {
                        LoadedModule module = loaded.get(moduleId);
                        if (module != null && module.bundleId() == id) {
                            reloading.put(moduleId, module.version());
                        }
                    });
                } else {
                    unload(moduleId, id);
                }
            }
            case BundleEvent.UPDATED -> updatedAt.put(moduleId, System.nanoTime());
            case BundleEvent.UNINSTALLED -> {
                pending.remove(id);
                unloadIfReloading(moduleId);
                unload(moduleId, id);
            }
            default -> {
            }
        }
    }

    /**
     * An update that changed the bundle's symbolic name (or took its module header away): the module under
     * its old name is gone, whatever the bundle becomes.
     */
    private void renamed(Bundle bundle) {
        String now = isModule(bundle) ? bundle.getSymbolicName() : null;
        core.atomically(() -> {
            for (LoadedModule module : List.copyOf(loaded.values())) {
                if (module.bundleId() == bundle.getBundleId() && !module.moduleId().equals(now)) {
                    String version = reloading.remove(module.moduleId());
                    loaded.remove(module.moduleId());
                    snapshot = List.copyOf(loaded.values());
                    core.publish(Event.NODE_PUBLISHER, new ModuleUnloaded(module.moduleId(),
                            version != null ? version : module.version()));
                    LOG.info("Module {} {} unloaded: bundle {} was updated to {}", module.moduleId(), module.version(),
                            bundle.getBundleId(), now == null ? "a bundle that is no module" : "module " + now);
                }
            }
        });
    }

    /** Felix stops a bundle from inside updateBundle when it updates an active bundle. */
    private static boolean updating() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().equals("org.apache.felix.framework.Felix")
                        && f.getMethodName().equals("updateBundle")));
    }

    // ---- loading ----------------------------------------------------------------------------------

    /** Announces an ACTIVE module if it subscribed or its components have settled; never under the lock. */
    private void settle(Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE) {
            pending.remove(bundle.getBundleId());
            return;
        }
        String moduleId = bundle.getSymbolicName();
        if (!core.hasSubscribers(moduleId)) {
            // a module with an EventSubscriber component is announced when that subscription is registered
            ComponentState state = ComponentProbe.of(scr, bundle);
            if (state.failure() != null) {
                pending.remove(bundle.getBundleId());
                crashed(bundle, "a component failed to activate: " + state.failure(), true);
                return;
            }
            if (!state.settled()) {
                Long since = pending.get(bundle.getBundleId());
                if (since != null && System.nanoTime() - since > WAITING_WARNING_NANOS
                        && warned.add(bundle.getBundleId())) {
                    LOG.warn("Module {} is ACTIVE but not loaded: its components {} are not satisfied yet",
                            moduleId, state.waiting());
                }
                return;
            }
        }
        core.atomically(() -> announce(bundle));
    }

    /** Under the publish lock. */
    private void announce(Bundle bundle) {
        String moduleId = bundle.getSymbolicName();
        pending.remove(bundle.getBundleId());
        if (bundle.getState() != Bundle.ACTIVE) {
            return;
        }
        String version = bundle.getVersion().toString();
        String oldVersion = reloading.remove(moduleId);
        if (oldVersion != null) {
            updatedAt.remove(moduleId);
            loaded.put(moduleId, new LoadedModule(moduleId, version, bundle.getBundleId(), Instant.now()));
            snapshot = List.copyOf(loaded.values());
            core.publishExcept(Event.NODE_PUBLISHER, new ModuleReloaded(moduleId, oldVersion, version), moduleId);
            LOG.info("Module {} reloaded: {} -> {}", moduleId, oldVersion, version);
            return;
        }
        if (loaded.containsKey(moduleId)) {
            return;
        }
        loaded.put(moduleId, new LoadedModule(moduleId, version, bundle.getBundleId(), Instant.now()));
        snapshot = List.copyOf(loaded.values());
        core.publishExcept(Event.NODE_PUBLISHER, new ModuleLoaded(moduleId, version), moduleId);
        LOG.info("Module {} {} loaded", moduleId, version);
    }

    private void unload(String moduleId, long bundleId) {
        core.atomically(() -> {
            LoadedModule module = loaded.get(moduleId);
            if (module == null || module.bundleId() != bundleId || reloading.containsKey(moduleId)) {
                return;
            }
            loaded.remove(moduleId);
            snapshot = List.copyOf(loaded.values());
            core.publish(Event.NODE_PUBLISHER, new ModuleUnloaded(moduleId, module.version()));
            LOG.info("Module {} {} unloaded", moduleId, module.version());
        });
    }

    /** An update that did not bring the module back: it is gone, under its old version. */
    private void unloadIfReloading(String moduleId) {
        core.atomically(() -> {
            String oldVersion = reloading.remove(moduleId);
            if (oldVersion != null) {
                updatedAt.remove(moduleId);
                loaded.remove(moduleId);
                snapshot = List.copyOf(loaded.values());
                core.publish(Event.NODE_PUBLISHER, new ModuleUnloaded(moduleId, oldVersion));
                LOG.info("Module {} {} unloaded: its update did not start again", moduleId, oldVersion);
            }
        });
    }

    private void checkPending() {
        try {
            for (Long id : List.copyOf(pending.keySet())) {
                Bundle bundle = context.getBundle(id);
                if (bundle == null) {
                    pending.remove(id);
                } else {
                    settle(bundle);
                }
            }
            long now = System.nanoTime();
            for (Map.Entry<String, Long> update : List.copyOf(updatedAt.entrySet())) {
                if (now - update.getValue() > RELOAD_GRACE_NANOS) {
                    Bundle bundle = bundleOf(update.getKey());
                    if (bundle == null || (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
                        unloadIfReloading(update.getKey());
                    }
                    updatedAt.remove(update.getKey());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Module lifecycle check failed", e);
        }
    }

    private Bundle bundleOf(String moduleId) {
        for (Bundle bundle : context.getBundles()) {
            if (moduleId.equals(bundle.getSymbolicName()) && isModule(bundle)) {
                return bundle;
            }
        }
        return null;
    }

    // ---- subscriptions (under the publish lock) ---------------------------------------------------

    @Override
    public void subscribed(SubscriberEntry entry, Set<EventType> newTypes) {
        if (newTypes.contains(EventType.MODULE_LOADED)) {
            for (LoadedModule module : loaded.values()) {
                if (!module.moduleId().equals(entry.moduleId())) {
                    core.replayTo(entry, Event.NODE_PUBLISHER, new ModuleLoaded(module.moduleId(), module.version()));
                }
            }
        }
        Bundle bundle = context.getBundle(entry.bundleId());
        if (bundle != null && isModule(bundle) && bundle.getState() == Bundle.ACTIVE) {
            announce(bundle);
        }
    }

    // ---- health and crashes -----------------------------------------------------------------------

    /** Told on the delivery core's health thread: no lock of ours is held, and no bundle is scanned. */
    @Override
    public void healthChanged(String moduleId, long bundleId, ModuleHealth oldHealth, ModuleHealth newHealth) {
        if (moduleBundle(moduleId, bundleId) != null) {
            core.publish(Event.NODE_PUBLISHER, new ModuleHealthChanged(moduleId, oldHealth, newHealth));
        }
    }

    @Override
    public void crashed(String moduleId, long bundleId, Throwable error) {
        Bundle bundle = moduleBundle(moduleId, bundleId);
        if (bundle != null) {
            crashed(bundle, "its listener threw " + Throwables.describe(error), true);
        }
    }

    /** The module bundle of that id and name, or {@code null} (gone, renamed, or no module: the bridge, say). */
    private Bundle moduleBundle(String moduleId, long bundleId) {
        Bundle bundle = context.getBundle(bundleId);
        return bundle != null && isModule(bundle) && moduleId.equals(bundle.getSymbolicName()) ? bundle : null;
    }

    private void crashed(Bundle bundle, String error, boolean applyPolicy) {
        String moduleId = bundle.getSymbolicName();
        LOG.error("Module {} crashed: {}", moduleId, error);
        core.publish(Event.NODE_PUBLISHER, new ModuleCrashed(moduleId, abbreviate(error)));
        if (applyPolicy && crashPolicy.get() == CrashPolicy.STOP) {
            // never stop a bundle on the thread that delivers or starts it
            executor.execute(() -> {
                try {
                    if ((bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                        LOG.info("Stopping crashed module {} (crash.policy=stop); start it again with: start {}",
                                moduleId, bundle.getBundleId());
                        bundle.stop(Bundle.STOP_TRANSIENT);
                    }
                } catch (BundleException | IllegalStateException e) {
                    LOG.error("Could not stop crashed module {}: {}", moduleId, e.toString());
                }
            });
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 4_000 ? text : text.substring(0, 3_997) + "...";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
