package org.nodebus.api;

import java.time.Instant;
import java.util.Objects;

import org.nodebus.api.event.ModuleHealth;

/**
 * A loaded module as {@link EventManager#getLoadedModules()} reports it.
 *
 * @param moduleId the module's id, its Bundle-SymbolicName
 * @param version its bundle version
 * @param bundleId its bundle id in this framework
 * @param health its current health
 * @param queueDepth events waiting in its queue or being handled now (as {@link DeliveryStats#queued()})
 * @param loadedSince when its ModuleLoaded was published
 */
public record ModuleInfo(String moduleId, String version, long bundleId, ModuleHealth health, int queueDepth,
        Instant loadedSince) {

    /**
     * Checks that nothing is {@code null}.
     *
     * @throws NullPointerException naming the missing field
     */
    public ModuleInfo {
        Objects.requireNonNull(moduleId, "ModuleInfo.moduleId must not be null");
        Objects.requireNonNull(version, "ModuleInfo.version must not be null");
        Objects.requireNonNull(health, "ModuleInfo.health must not be null");
        Objects.requireNonNull(loadedSince, "ModuleInfo.loadedSince must not be null");
    }
}
