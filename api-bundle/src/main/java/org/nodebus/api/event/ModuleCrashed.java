package org.nodebus.api.event;

/**
 * A module crashed: its start failed or its listener threw an {@link Error}.
 *
 * @param moduleId the module's id
 * @param error what went wrong
 */
public record ModuleCrashed(String moduleId, String error) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public ModuleCrashed {
        Checks.id("ModuleCrashed.moduleId", moduleId);
        Checks.text("ModuleCrashed.error", error);
    }

    @Override
    public EventType type() {
        return EventType.MODULE_CRASHED;
    }
}
