package org.nodebus.eventmanager.lifecycle;

import java.time.Instant;

/**
 * One module bundle as the lifecycle knows it. Immutable: {@link ModuleStates} replaces it on each change.
 *
 * @param bundleId its bundle id
 * @param moduleId its symbolic name now
 * @param version its bundle version now
 * @param phase where it stands
 * @param incarnation which start of a bundle this is, unique among all bundles; a component probe and a crash
 *        stop answer for one incarnation only
 * @param subscribed whether it registered a listener (or an EventSubscriber service) in this incarnation
 * @param impostor whether an older bundle holds its symbolic name: it is then never announced
 * @param components whether it declares Declarative Services components
 * @param announced what observers were last told of it, or {@code null} if they know it as not loaded
 */
record ModuleRecord(long bundleId, String moduleId, String version, Phase phase, long incarnation, boolean subscribed,
        boolean impostor, boolean components, Announced announced) {

    /**
     * What the observers were told: ModuleLoaded (or ModuleReloaded) and no ModuleUnloaded since.
     *
     * @param moduleId the module id they know
     * @param version the version they know
     * @param order when it was first announced, for the replay order
     * @param since when it was last announced
     */
    record Announced(String moduleId, String version, long order, Instant since) {
    }

    static ModuleRecord idle(BundleFacts facts) {
        return new ModuleRecord(facts.bundleId(), facts.moduleId(), facts.version(), Phase.IDLE, 0, false,
                facts.impostor(), facts.components(), null);
    }

    ModuleRecord in(Phase newPhase) {
        return new ModuleRecord(bundleId, moduleId, version, newPhase, incarnation, subscribed, impostor, components,
                announced);
    }

    /** A new incarnation starts: its subscriptions and its stop are still to come. */
    ModuleRecord starting(BundleFacts facts, long newIncarnation) {
        return new ModuleRecord(bundleId, facts.moduleId(), facts.version(), Phase.STARTING, newIncarnation, false,
                facts.impostor(), facts.components(), announced);
    }

    ModuleRecord renamed(BundleFacts facts) {
        return new ModuleRecord(bundleId, facts.moduleId(), facts.version(), phase, incarnation, subscribed,
                facts.impostor(), facts.components(), announced);
    }

    ModuleRecord withSubscribed(boolean now) {
        return new ModuleRecord(bundleId, moduleId, version, phase, incarnation, now, impostor, components, announced);
    }

    ModuleRecord withAnnounced(Announced now) {
        return new ModuleRecord(bundleId, moduleId, version, phase, incarnation, subscribed, impostor, components, now);
    }

    boolean isAnnounced() {
        return announced != null;
    }
}
