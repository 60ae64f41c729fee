package org.nodebus.eventmanager.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.ModuleCrashed;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.ModuleHealthChanged;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.ModuleReloaded;
import org.nodebus.api.event.ModuleUnloaded;

/**
 * The lifecycle's state machine driven by the event orders Felix 7 fires (see {@link ModuleLifecycle}),
 * as observers would hear it.
 */
class ModuleStatesTest {
    private static final long B = 7;

    private final List<String> heard = new ArrayList<>();
    private final ModuleStates states = new ModuleStates((payload, except) -> heard.add(describe(payload)
            + (except == null ? "" : " except " + except)), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private static String describe(Object payload) {
        if (payload instanceof ModuleLoaded m) {
            return "Loaded " + m.moduleId() + " " + m.version();
        } else if (payload instanceof ModuleUnloaded m) {
            return "Unloaded " + m.moduleId() + " " + m.version();
        } else if (payload instanceof ModuleReloaded m) {
            return "Reloaded " + m.moduleId() + " " + m.oldVersion() + "->" + m.newVersion();
        } else if (payload instanceof ModuleCrashed m) {
            return "Crashed " + m.moduleId();
        } else if (payload instanceof ModuleHealthChanged m) {
            return "Health " + m.moduleId() + " " + m.newHealth();
        }
        return payload.toString();
    }

    private static BundleFacts facts(String name, String version) {
        return new BundleFacts(B, name, version, true, false, true);
    }

    /** STARTING, STARTED and a subscription: loaded. */
    private void load(String name, String version) {
        states.starting(facts(name, version));
        states.started(B);
        states.subscribed(B, name);
    }

    /** Felix's order for an update of an ACTIVE bundle, up to STARTED. */
    private void update(String name, String version) {
        states.stopping(B, false, false);
        states.stopped(B);
        states.updated(facts(name, version));
        states.resolved(B);
        states.starting(facts(name, version));
        states.started(B);
    }

    private List<String> loadedIds() {
        return states.loaded().stream().map(m -> m.moduleId() + " " + m.version()).toList();
    }

    @Test
    void aSubscribingModuleIsAnnouncedOnceItsSubscriptionIsRegisteredNotWhenItStarted() {
        states.starting(facts("m", "1.0.0"));
        states.started(B);
        assertEquals(List.of(), heard, "announced before it subscribed");
        assertEquals(List.of(), loadedIds());
        states.subscribed(B, "m");
        states.subscribed(B, "m");
        assertEquals(List.of("Loaded m 1.0.0 except m"), heard);
        assertEquals(List.of("m 1.0.0"), loadedIds());
    }

    @Test
    void aModuleThatSubscribesFromItsActivatorIsAnnouncedWhenItIsActive() {
        states.starting(facts("m", "1.0.0"));
        states.subscribed(B, "m");
        assertEquals(List.of(), heard, "announced while STARTING");
        states.started(B);
        assertEquals(List.of("Loaded m 1.0.0 except m"), heard);
    }

    @Test
    void aModuleThatNeverSubscribesIsAnnouncedWhenAProbeOfItsIncarnationFindsItsComponentsSettled() {
        states.starting(facts("m", "1.0.0"));
        states.started(B);
        List<AfterLock> work = states.drain();
        assertTrue(work.contains(new AfterLock.Probe(B, 1)), work.toString());
        states.stopping(B, true, false);
        states.stopped(B);
        states.starting(facts("m", "1.0.0"));
        states.started(B);
        states.settled(B, 1);
        assertEquals(List.of(), heard, "a probe of the previous incarnation announced it");
        assertEquals(List.of(new AfterLock.Probe(B, 2)), states.waitingForComponents());
        states.settled(B, 2);
        assertEquals(List.of("Loaded m 1.0.0 except m"), heard);
        assertEquals(List.of(), states.waitingForComponents());
    }

    @Test
    void aModuleWithoutComponentsOrSubscriptionIsAnnouncedWhenItIsActive() {
        states.starting(new BundleFacts(B, "plain", "1.0.0", true, false, false));
        assertEquals(List.of(), heard);
        states.started(B);
        assertEquals(List.of("Loaded plain 1.0.0 except plain"), heard);
    }

    @Test
    void aFailedComponentIsOneCrashAndTheModuleIsNotAnnouncedInThatIncarnation() {
        states.starting(facts("m", "1.0.0"));
        states.started(B);
        states.componentFailed(B, 1, "boom");
        states.componentFailed(B, 1, "boom");
        states.settled(B, 1);
        assertEquals(List.of("Crashed m"), heard);
        assertEquals(List.of(), states.waitingForComponents());
    }

    @Test
    void anUpdateUnderTheSameNameIsOneReloadOnceTheNewRevisionSubscribed() {
        load("m", "1.0.0");
        heard.clear();
        update("m", "2.0.0");
        assertEquals(List.of(), heard, "told before the new revision could receive events");
        assertEquals(List.of(), loadedIds(), "listed as loaded while it does not run");
        assertEquals(List.of("m 1.0.0"), states.replayFor("other").stream()
                .map(a -> a.moduleId() + " " + a.version()).toList(), "observers still know it as loaded");
        states.subscribed(B, "m");
        assertEquals(List.of("Reloaded m 1.0.0->2.0.0 except m"), heard);
        assertEquals(List.of("m 2.0.0"), loadedIds());
    }

    @Test
    void aRenamingUpdateUnloadsTheOldIdAtUpdatedAndLoadsTheNewOne() {
        load("old", "1.0.0");
        heard.clear();
        update("new", "2.0.0");
        assertEquals(List.of("Unloaded old 1.0.0"), heard);
        states.subscribed(B, "new");
        assertEquals(List.of("Unloaded old 1.0.0", "Loaded new 2.0.0 except new"), heard);
        assertEquals(List.of("new 2.0.0"), loadedIds());
        assertEquals(List.of("new"), states.replayFor("x").stream().map(ModuleRecord.Announced::moduleId).toList());
    }

    @Test
    void anUpdateToABundleThatIsNoModuleUnloadsIt() {
        load("m", "1.0.0");
        heard.clear();
        states.stopping(B, false, false);
        states.stopped(B);
        states.updated(new BundleFacts(B, "m", "2.0.0", false, false, true));
        assertEquals(List.of("Unloaded m 1.0.0"), heard);
        states.starting(new BundleFacts(B, "m", "2.0.0", false, false, true));
        states.started(B);
        assertEquals(List.of(), states.replayFor("x"));
    }

    @Test
    void aStopThatIsFinalUnloadsAtStopping() {
        load("m", "1.0.0");
        heard.clear();
        states.stopping(B, true, false);
        assertEquals(List.of("Unloaded m 1.0.0"), heard, "observers hear it when it stops receiving");
        states.stopped(B);
        assertEquals(List.of("Unloaded m 1.0.0"), heard);
        states.uninstalled(B);
        assertEquals(List.of("Unloaded m 1.0.0"), heard, "unloaded twice");
    }

    @Test
    void aTransientStopIsDecidedByTheBundlesNextEvent() {
        load("m", "1.0.0");
        heard.clear();
        states.stopping(B, false, false);
        states.stopped(B);
        assertEquals(List.of(), heard);
        assertEquals(List.of(), loadedIds());
        states.starting(facts("m", "1.0.0"));
        assertEquals(List.of("Unloaded m 1.0.0"), heard, "a start after a stop that was no update");
        states.started(B);
        states.subscribed(B, "m");
        assertEquals(List.of("Unloaded m 1.0.0", "Loaded m 1.0.0 except m"), heard);
    }

    @Test
    void aRefreshIsAnUnloadAndALoad() {
        load("m", "1.0.0");
        heard.clear();
        states.stopping(B, false, false);
        states.stopped(B);
        states.resolved(B);
        assertEquals(List.of("Unloaded m 1.0.0"), heard);
    }

    @Test
    void anUninstallAfterAnUnsureStopOrAnUpdateThatNeverStartedUnloadsOnce() {
        load("m", "1.0.0");
        states.stopping(B, false, false);
        states.stopped(B);
        states.updated(facts("m", "2.0.0")); // and its new revision does not resolve: no more events
        heard.clear();
        states.uninstalled(B);
        assertEquals(List.of("Unloaded m 1.0.0"), heard);
        assertEquals(List.of(), states.replayFor("x"));
    }

    @Test
    void aStopBeforeTheLateStartedOfItsStartIsNoCrashAndTheLateStartedChangesNothing() {
        states.starting(facts("m", "1.0.0"));
        // Felix released the bundle lock before firing STARTED; another thread stopped the ACTIVE bundle
        states.stopping(B, true, false);
        states.stopped(B);
        states.started(B);
        states.subscribed(B, "m");
        assertEquals(List.of(), heard);
        assertEquals(List.of(), loadedIds());
    }

    @Test
    void anActivatorThatThrowsDuringAnUpdateCrashesAndUnloadsTheModule() {
        load("m", "1.0.0");
        states.stopping(B, false, false);
        states.stopped(B);
        states.updated(facts("m", "2.0.0"));
        states.resolved(B);
        heard.clear();
        states.starting(facts("m", "2.0.0"));
        states.stopping(B, false, true);
        states.stopped(B);
        assertEquals(List.of("Crashed m", "Unloaded m 1.0.0"), heard);
        assertEquals(List.of(), states.replayFor("x"));
    }

    @Test
    void replaysFollowTheLoadOrderAndLeaveOutTheListenersOwnModule() {
        for (long id = 1; id <= 3; id++) {
            states.starting(new BundleFacts(id, "m" + id, "1.0.0", true, false, true));
            states.started(id);
        }
        states.subscribed(3, "m3");
        states.subscribed(1, "m1");
        states.subscribed(2, "m2");
        assertEquals(List.of("m3", "m2"), states.replayFor("m1").stream().map(ModuleRecord.Announced::moduleId)
                .toList());
        assertEquals(List.of("m3", "m1", "m2"), states.loaded().stream().map(LoadedModule::moduleId).toList());
    }

    @Test
    void anImpostorIsNeverAnnouncedAndItsStopUnloadsNothing() {
        states.found(new BundleFacts(1, "twin", "1.0.0", true, false, true), true);
        states.found(new BundleFacts(2, "twin", "2.0.0", true, true, true), true);
        states.subscribed(2, "twin");
        states.settled(2, 2); // bundle 2 is the second start the records saw
        assertEquals(List.of(), heard);
        states.subscribed(1, "twin");
        states.stopping(2, true, false);
        states.stopped(2);
        assertEquals(List.of("Loaded twin 1.0.0 except twin"), heard);
        assertEquals(List.of(1L), states.loaded().stream().map(LoadedModule::bundleId).toList());
    }

    @Test
    void anEventThatCameInWhileTheEventManagerStartedIsNewerThanWhatItFound() {
        states.starting(facts("m", "1.0.0"));
        states.started(B);
        states.stopping(B, true, false);
        states.stopped(B);
        states.found(facts("m", "1.0.0"), true);
        states.subscribed(B, "m");
        assertEquals(List.of(), heard, "a stale scan revived a stopped module");
    }

    @Test
    void healthAndCrashesAreToldOnlyForTheCurrentModuleOfTheBundle() {
        load("m", "1.0.0");
        heard.clear();
        states.healthChanged(B, "m", ModuleHealth.HEALTHY, ModuleHealth.DEGRADED);
        states.healthChanged(B, "gone", ModuleHealth.HEALTHY, ModuleHealth.DEGRADED);
        states.healthChanged(99, "m", ModuleHealth.HEALTHY, ModuleHealth.DEGRADED);
        states.listenerCrashed(B, "m", "java.lang.OutOfMemoryError", true);
        assertEquals(List.of("Health m DEGRADED", "Crashed m"), heard);
        assertTrue(states.drain().contains(new AfterLock.CrashPolicy(B, "m", 1)));
    }

    @Test
    void aModuleThatCrashesBeforeItIsAnnouncedIsNotAnnouncedWhenItsCrashPolicyStopsIt() {
        states.starting(facts("m", "1.0.0"));
        states.listenerCrashed(B, "m", "java.lang.StackOverflowError", true);
        states.started(B);
        states.subscribed(B, "m");
        assertEquals(List.of("Crashed m"), heard);
        assertTrue(states.stillRunning(B, 1), "the crash stop is still to come");
        states.stopping(B, true, false);
        assertFalse(states.stillRunning(B, 1), "a stopping incarnation is not stopped again");
    }

    @Test
    void aModuleThatCrashesBeforeItIsAnnouncedAndIsLeftRunningIsAnnounced() {
        states.starting(facts("m", "1.0.0"));
        states.listenerCrashed(B, "m", "java.lang.StackOverflowError", false);
        states.started(B);
        states.subscribed(B, "m");
        assertEquals(List.of("Crashed m", "Loaded m 1.0.0 except m"), heard);
    }

    @Test
    void aCrashStopIsForTheIncarnationThatCrashedOnly() {
        load("m", "1.0.0");
        states.listenerCrashed(B, "m", "java.lang.OutOfMemoryError", true);
        states.stopping(B, false, false); // someone else stopped it and started it again before the crash stop ran
        states.stopped(B);
        states.starting(facts("m", "1.0.0"));
        states.started(B);
        assertFalse(states.stillRunning(B, 1), "the new incarnation would be stopped for the old one's crash");
        assertTrue(states.stillRunning(B, 2));
    }

    @Test
    void aStopThatCameInDuringTheScanWinsOverTheRunningStateTheScanRead() {
        states.scanBegins();
        // the scan read the bundle ACTIVE; then it was stopped, with no record to act on
        states.heard(B, false);
        states.stopping(B, true, false);
        states.heard(B, false);
        states.stopped(B);
        states.found(facts("m", "1.0.0"), true);
        states.scanEnds();
        states.subscribed(B, "m");
        assertEquals(List.of(), heard, "a stale scan revived a stopped module");
        assertEquals(List.of(), loadedIds());
    }

    @Test
    void anUninstallThatCameInDuringTheScanLeavesNoRecord() {
        states.scanBegins();
        states.heard(B, false);
        states.uninstalled(B);
        states.found(facts("m", "1.0.0"), true);
        states.scanEnds();
        states.subscribed(B, "m");
        assertEquals(List.of(), heard);
        assertEquals(List.of(), states.waitingForComponents());
    }

    @Test
    void aStartedThatCameInDuringTheScanMakesTheBundleActiveThoughTheScanReadItStarting() {
        states.scanBegins();
        // the scan read STARTING; the STARTED then found no record
        states.heard(B, true);
        states.started(B);
        states.found(facts("m", "1.0.0"), false);
        states.scanEnds();
        states.subscribed(B, "m");
        assertEquals(List.of("Loaded m 1.0.0 except m"), heard);
    }

    @Test
    void afterTheScanEventsNoLongerShadowWhatIsFound() {
        states.scanBegins();
        states.scanEnds();
        states.heard(B, false);
        states.found(facts("m", "1.0.0"), true);
        states.subscribed(B, "m");
        assertEquals(List.of("Loaded m 1.0.0 except m"), heard);
    }
}
