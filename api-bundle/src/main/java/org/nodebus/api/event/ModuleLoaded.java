package org.nodebus.api.event;

/**
 * A module finished loading: its bundle is active and, if it subscribes, its subscription is registered. A module that subscribes to this type first receives one (marked as replay) for every module loaded before it.
 *
 * @param moduleId the module's id (its Bundle-SymbolicName)
 * @param version its bundle version
 */
public record ModuleLoaded(String moduleId, String version) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public ModuleLoaded {
        Checks.id("ModuleLoaded.moduleId", moduleId);
        Checks.id("ModuleLoaded.version", version);
    }

    @Override
    public EventType type() {
        return EventType.MODULE_LOADED;
    }
}
