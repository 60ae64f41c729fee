package org.nodebus.api.event;

/**
 * A module's health changed.
 *
 * @param moduleId the module's id
 * @param oldHealth the health before
 * @param newHealth the health now, different from {@code oldHealth}
 */
public record ModuleHealthChanged(String moduleId, ModuleHealth oldHealth, ModuleHealth newHealth) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public ModuleHealthChanged {
        Checks.id("ModuleHealthChanged.moduleId", moduleId);
        Checks.notNull("ModuleHealthChanged.oldHealth", oldHealth);
        Checks.notNull("ModuleHealthChanged.newHealth", newHealth);
        if (oldHealth == newHealth) {
            throw new IllegalArgumentException("ModuleHealthChanged.newHealth must differ from oldHealth but both were " + newHealth);
        }
    }

    @Override
    public EventType type() {
        return EventType.MODULE_HEALTH_CHANGED;
    }
}
