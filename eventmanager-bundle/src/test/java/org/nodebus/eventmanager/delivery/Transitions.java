package org.nodebus.eventmanager.delivery;

import java.util.List;

import org.nodebus.api.event.ModuleHealth;

/** A health listener that writes each transition as "module:OLD->NEW"; crashes are ignored unless overridden. */
class Transitions implements HealthListener {
    private final List<String> transitions;

    Transitions(List<String> transitions) {
        this.transitions = transitions;
    }

    @Override
    public void healthChanged(String moduleId, long bundleId, ModuleHealth oldHealth, ModuleHealth newHealth) {
        transitions.add(moduleId + ":" + oldHealth + "->" + newHealth);
    }

    @Override
    public void crashed(String moduleId, long bundleId, Throwable error) {
    }
}
