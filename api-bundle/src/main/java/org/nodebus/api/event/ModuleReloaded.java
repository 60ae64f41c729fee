package org.nodebus.api.event;

/**
 * A module's bundle was updated; sent instead of an unload/load pair.
 *
 * @param moduleId the module's id
 * @param oldVersion the version before the update
 * @param newVersion the version after
 */
public record ModuleReloaded(String moduleId, String oldVersion, String newVersion) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public ModuleReloaded {
        Checks.id("ModuleReloaded.moduleId", moduleId);
        Checks.id("ModuleReloaded.oldVersion", oldVersion);
        Checks.id("ModuleReloaded.newVersion", newVersion);
    }

    @Override
    public EventType type() {
        return EventType.MODULE_RELOADED;
    }
}
