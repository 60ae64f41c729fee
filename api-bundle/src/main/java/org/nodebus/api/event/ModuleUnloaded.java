package org.nodebus.api.event;

/**
 * A module was stopped or uninstalled.
 *
 * @param moduleId the module's id
 * @param version its bundle version
 */
public record ModuleUnloaded(String moduleId, String version) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public ModuleUnloaded {
        Checks.id("ModuleUnloaded.moduleId", moduleId);
        Checks.id("ModuleUnloaded.version", version);
    }

    @Override
    public EventType type() {
        return EventType.MODULE_UNLOADED;
    }
}
