package org.nodebus.sample.monitor;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.ModuleCrashed;
import org.nodebus.api.event.ModuleHealthChanged;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.ModuleReloaded;
import org.nodebus.api.event.ModuleUnloaded;

/** The modules the node runs, as lifecycle events tell them: id, version and health. */
final class ModuleLandscape {
    private final Map<String, String> versions = new TreeMap<>();
    private final Map<String, String> health = new TreeMap<>();

    /** Applies an event; returns whether the landscape changed. */
    synchronized boolean apply(EventPayload payload) {
        if (payload instanceof ModuleLoaded m) {
            versions.put(m.moduleId(), m.version());
            health.put(m.moduleId(), "HEALTHY");
        } else if (payload instanceof ModuleReloaded m) {
            versions.put(m.moduleId(), m.newVersion());
        } else if (payload instanceof ModuleUnloaded m) {
            versions.remove(m.moduleId());
            health.remove(m.moduleId());
        } else if (payload instanceof ModuleHealthChanged m && versions.containsKey(m.moduleId())) {
            health.put(m.moduleId(), m.newHealth().name());
        } else if (payload instanceof ModuleCrashed m && versions.containsKey(m.moduleId())) {
            health.put(m.moduleId(), "CRASHED");
        } else {
            return false;
        }
        return true;
    }

    synchronized int size() {
        return versions.size();
    }

    @Override
    public synchronized String toString() {
        return versions.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " " + health.get(e.getKey()))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
