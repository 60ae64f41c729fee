package org.nodebus.eventmanager.lifecycle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.ModuleCrashed;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.ModuleHealthChanged;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.ModuleReloaded;
import org.nodebus.api.event.ModuleUnloaded;
import org.nodebus.eventmanager.lifecycle.AfterLock.Level;
import org.nodebus.eventmanager.lifecycle.ModuleRecord.Announced;

/**
 * The module lifecycle as one state machine per module bundle ({@link ModuleRecord}), changed only here.
 *
 * <p>Not thread-safe on purpose: every method runs under the EventManager's publish lock ({@code
 * ModuleLifecycle} takes it), which is the single guard of every field. So what it publishes is ordered atomically with every live event and every replay, and a
 * listener's replay set is exactly the modules announced to the listeners before it. It calls nothing
 * outside the EventManager: the framework's facts come in as arguments, and what must happen outside the
 * lock (component probes, the crash policy, log lines) goes out through {@link #drain()}.
 *
 * <p>A module is announced (ModuleLoaded, or ModuleReloaded after an update) when it is ACTIVE and either
 * it registered a listener in this incarnation, or it declares no Declarative Services components, or
 * Declarative Services reports its components settled. A
 * module that observers know as loaded is unloaded (ModuleUnloaded, once) when its bundle stops for good,
 * is uninstalled, is renamed by an update, or stops being a module.
 */
final class ModuleStates {

    /** Publishes a lifecycle event as {@code node}; called under the publish lock. */
    interface Publisher {
        /** @param except a module not to tell (a module is not told of its own loading), or {@code null} */
        void publish(EventPayload payload, String except);
    }

    private final Publisher publisher;
    private final Clock clock;
    /** by bundle id, every module bundle that has been seen and not uninstalled */
    private final Map<Long, ModuleRecord> records = new LinkedHashMap<>();
    private final List<AfterLock> after = new ArrayList<>();
    private long order;
    /** numbers every start of every bundle, so a probe or a crash stop of an earlier one never matches */
    private long incarnations;
    /**
     * While the EventManager scans the running bundles: for each bundle an event was heard for meanwhile,
     * whether that last event was STARTED. {@code null} when no scan runs.
     */
    private Map<Long, Boolean> heardDuringScan;
    /** derived from records after every change, for readers without the lock */
    private volatile List<LoadedModule> loaded = List.of();

    ModuleStates(Publisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @return the modules loaded now (ACTIVE and announced), in load order; needs no lock */
    List<LoadedModule> loaded() {
        return loaded;
    }

    /** @return what was decided to happen outside the lock, in order; empties the list */
    List<AfterLock> drain() {
        List<AfterLock> out = List.copyOf(after);
        after.clear();
        return out;
    }

    // ---- bundle events ----------------------------------------------------------------------------

    /** The EventManager starts: it is about to scan the bundles that already run. */
    void scanBegins() {
        heardDuringScan = new HashMap<>();
    }

    void scanEnds() {
        heardDuringScan = null;
    }

    /**
     * A bundle event came in (any bundle, module or not): during the scan it is newer than what the scan
     * reads of that bundle.
     */
    void heard(long bundleId, boolean started) {
        if (heardDuringScan != null) {
            heardDuringScan.put(bundleId, started);
        }
    }

    /**
     * The scan found the bundle running: as if its STARTING (and STARTED) had been seen, unless an event of
     * it came in meanwhile. A STARTED that came in is the one exception: it found no record to act on, so
     * the bundle counts as ACTIVE.
     */
    void found(BundleFacts facts, boolean active) {
        Boolean heard = heardDuringScan == null ? null : heardDuringScan.get(facts.bundleId());
        if (records.containsKey(facts.bundleId()) || !facts.module() || Boolean.FALSE.equals(heard)) {
            return; // an event that came in meanwhile is newer than what was found
        }
        starting(facts);
        if (active || Boolean.TRUE.equals(heard)) {
            started(facts.bundleId());
        }
    }

    void starting(BundleFacts facts) {
        ModuleRecord r = records.get(facts.bundleId());
        if (!facts.module()) {
            return;
        }
        if (r == null) {
            r = ModuleRecord.idle(facts);
        }
        r = resolveUnsure(r, "it was stopped and is starting again");
        if (r.isAnnounced() && !r.announced().moduleId().equals(facts.moduleId())) {
            r = unload(r, "its bundle now has the symbolic name " + facts.moduleId());
        }
        put(r.starting(facts, ++incarnations));
    }

    void started(long bundleId) {
        ModuleRecord r = records.get(bundleId);
        if (r == null || r.phase() != Phase.STARTING) {
            return; // Felix fires STARTED after releasing the bundle lock: a stop may have come first
        }
        r = r.in(Phase.WAITING);
        put(r);
        if (r.impostor()) {
            log(Level.ERROR, "Not announcing bundle " + bundleId + " as module " + r.moduleId()
                    + ": an older installed bundle holds that module id; update or uninstall that bundle instead of "
                    + "installing a second one with the same symbolic name");
        } else if (r.subscribed() || !r.components()) {
            // a module without components has nothing left to start once it is ACTIVE
            announce(r);
        } else {
            after.add(new AfterLock.Probe(bundleId, r.incarnation()));
        }
    }

    /**
     * @param final_ whether no update can follow: the bundle is no longer persistently started, the
     *        framework is stopping, or NodeBus stops it itself
     * @param activatorThrew whether this STOPPING ends a start whose activator threw (Felix fires it while
     *        the bundle is still STARTING); no update follows then either
     */
    void stopping(long bundleId, boolean final_, boolean activatorThrew) {
        ModuleRecord r = records.get(bundleId);
        if (r == null) {
            return;
        }
        if (activatorThrew) {
            crash(r, "its bundle failed to start: the activator threw (see the framework log)", false);
        }
        if (r.isAnnounced() && (final_ || activatorThrew)) {
            r = unload(r, "its bundle is stopping");
        }
        put(r.in(Phase.STOPPING).withSubscribed(false));
    }

    /** STOPPED: a module observers still know as loaded was stopped by what may be an update. */
    void stopped(long bundleId) {
        ModuleRecord r = records.get(bundleId);
        if (r != null && r.phase() == Phase.STOPPING) {
            // a late STOPPED (fired after the bundle lock was released) must not touch a new incarnation
            put(r.in(r.isAnnounced() ? Phase.STOPPED_UNSURE : Phase.IDLE));
        }
    }

    /** UPDATED: the bundle has its new revision (new name, version, module header). */
    void updated(BundleFacts facts) {
        ModuleRecord r = records.get(facts.bundleId());
        if (r == null) {
            if (facts.module()) {
                put(ModuleRecord.idle(facts));
            }
            return;
        }
        if (r.isAnnounced() && (!facts.module() || !facts.moduleId().equals(r.announced().moduleId()))) {
            r = unload(r, facts.module() ? "its bundle was updated to module " + facts.moduleId()
                    : "its bundle was updated to a bundle that is no module");
        } else if (r.phase() == Phase.STOPPED_UNSURE) {
            r = r.in(Phase.UPDATED);
        }
        if (!facts.module()) {
            records.remove(r.bundleId());
            commit();
        } else {
            put(r.renamed(facts));
        }
    }

    /** RESOLVED: after an unsure stop without UPDATED, the bundle was refreshed: it starts anew. */
    void resolved(long bundleId) {
        ModuleRecord r = records.get(bundleId);
        if (r != null) {
            put(resolveUnsure(r, "its bundle was refreshed"));
        }
    }

    void uninstalled(long bundleId) {
        ModuleRecord r = records.remove(bundleId);
        if (r != null && r.isAnnounced()) {
            unload(r, "its bundle was uninstalled");
        }
        commit();
    }

    /**
     * @return whether NodeBus should still stop the crashed incarnation: it has not begun to stop, and no
     *         newer one runs
     */
    boolean stillRunning(long bundleId, long incarnation) {
        ModuleRecord r = records.get(bundleId);
        return r != null && r.incarnation() == incarnation && switch (r.phase()) {
            case STARTING, WAITING, FAILED, LOADED -> true;
            default -> false;
        };
    }

    // ---- subscriptions and components -------------------------------------------------------------

    /**
     * The module registered a listener (or an EventSubscriber service the EventManager accepted or ignored):
     * it can receive what it asked for, so it may be announced.
     */
    void subscribed(long bundleId, String moduleId) {
        ModuleRecord r = records.get(bundleId);
        if (r == null || !r.moduleId().equals(moduleId) || r.impostor() || r.subscribed()) {
            return;
        }
        r = r.withSubscribed(true);
        put(r);
        if (r.phase() == Phase.WAITING) {
            announce(r);
        }
    }

    /** @return the modules a new listener of the module hears of as replays, in load order */
    List<Announced> replayFor(String moduleId) {
        return records.values().stream().map(ModuleRecord::announced)
                .filter(a -> a != null && !a.moduleId().equals(moduleId))
                .sorted(Comparator.comparingLong(Announced::order)).toList();
    }

    /** @return the bundles (with their incarnation) that wait for their components */
    List<AfterLock.Probe> waitingForComponents() {
        return records.values().stream().filter(r -> r.phase() == Phase.WAITING && !r.subscribed() && !r.impostor())
                .map(r -> new AfterLock.Probe(r.bundleId(), r.incarnation())).toList();
    }

    /** A probe found the components of that incarnation settled. */
    void settled(long bundleId, long incarnation) {
        ModuleRecord r = records.get(bundleId);
        if (r != null && r.incarnation() == incarnation && r.phase() == Phase.WAITING && !r.impostor()) {
            announce(r);
        }
    }

    /** A probe found a component of that incarnation failed to activate. */
    void componentFailed(long bundleId, long incarnation, String failure) {
        ModuleRecord r = records.get(bundleId);
        if (r != null && r.incarnation() == incarnation && r.phase() == Phase.WAITING) {
            put(r.in(Phase.FAILED));
            crash(r, "a component failed to activate: " + failure, true);
        }
    }

    // ---- health and crashes -----------------------------------------------------------------------

    void healthChanged(long bundleId, String moduleId, ModuleHealth oldHealth, ModuleHealth newHealth) {
        ModuleRecord r = records.get(bundleId);
        if (r != null && r.phase() == Phase.LOADED && r.moduleId().equals(moduleId)) {
            publisher.publish(new ModuleHealthChanged(moduleId, oldHealth, newHealth), null);
        }
    }

    /**
     * A listener of the module threw an Error.
     *
     * @param willStop whether the crash policy stops the bundle: a module that crashed before it was
     *        announced is then not announced in this incarnation
     */
    void listenerCrashed(long bundleId, String moduleId, String error, boolean willStop) {
        ModuleRecord r = records.get(bundleId);
        if (r == null || !r.moduleId().equals(moduleId)) {
            return;
        }
        switch (r.phase()) {
            case LOADED -> crash(r, "its listener threw " + error, true);
            case STARTING, WAITING -> {
                if (willStop) {
                    put(r.in(Phase.FAILED));
                }
                crash(r, "its listener threw " + error, true);
            }
            default -> {
                // it is stopping or stopped: nothing is left to stop
            }
        }
    }

    // ---- the transitions' common steps ------------------------------------------------------------

    private void announce(ModuleRecord r) {
        Announced before = r.announced();
        String id = r.moduleId();
        if (before != null) {
            publisher.publish(new ModuleReloaded(id, before.version(), r.version()), id);
            log(Level.FACT, "ModuleReloaded " + id + " " + before.version() + " -> " + r.version() + " (bundle "
                    + r.bundleId() + ")");
        } else {
            publisher.publish(new ModuleLoaded(id, r.version()), id);
            log(Level.FACT, "ModuleLoaded " + id + " " + r.version() + " (bundle " + r.bundleId() + ")");
        }
        long first = before != null ? before.order() : ++order;
        put(r.in(Phase.LOADED).withAnnounced(new Announced(id, r.version(), first, clock.instant())));
    }

    private ModuleRecord unload(ModuleRecord r, String why) {
        Announced a = r.announced();
        publisher.publish(new ModuleUnloaded(a.moduleId(), a.version()), null);
        log(Level.FACT, "ModuleUnloaded " + a.moduleId() + " " + a.version() + " (bundle " + r.bundleId() + "): " + why);
        // nothing is pending for observers any more: an unsure stop or an update is decided
        boolean pending = r.phase() == Phase.STOPPED_UNSURE || r.phase() == Phase.UPDATED;
        return (pending ? r.in(Phase.IDLE) : r).withAnnounced(null);
    }

    /** An unsure stop is followed by an event that is no update: it was a stop after all. */
    private ModuleRecord resolveUnsure(ModuleRecord r, String why) {
        return r.phase() == Phase.STOPPED_UNSURE ? unload(r, why) : r;
    }

    private void crash(ModuleRecord r, String error, boolean applyPolicy) {
        publisher.publish(new ModuleCrashed(r.moduleId(), abbreviate(error)), null);
        log(Level.ERROR, "ModuleCrashed " + r.moduleId() + " (bundle " + r.bundleId() + "): " + error);
        if (applyPolicy) {
            after.add(new AfterLock.CrashPolicy(r.bundleId(), r.moduleId(), r.incarnation()));
        }
    }

    private void log(Level level, String message) {
        after.add(new AfterLock.Log(level, message));
    }

    private void put(ModuleRecord r) {
        records.put(r.bundleId(), r);
        commit();
    }

    /** The one place the loaded list is derived. */
    private void commit() {
        loaded = records.values().stream().filter(r -> r.phase() == Phase.LOADED)
                .sorted(Comparator.comparingLong(r -> r.announced().order()))
                .map(r -> new LoadedModule(r.moduleId(), r.version(), r.bundleId(), r.announced().since()))
                .toList();
    }

    static String abbreviate(String text) {
        return text.length() <= 4_000 ? text : text.substring(0, 3_997) + "...";
    }
}
