package org.nodebus.eventmanager.lifecycle;

import java.time.Instant;

/**
 * A module that has been announced with ModuleLoaded and not yet unloaded.
 *
 * @param moduleId its Bundle-SymbolicName
 * @param version its bundle version when it was announced
 * @param bundleId its bundle id
 * @param loadedSince when ModuleLoaded was published
 */
public record LoadedModule(String moduleId, String version, long bundleId, Instant loadedSince) {
}
