package org.nodebus.api.event;

/**
 * A governance fork (nodes adopting a diverging ruleset) was detected.
 *
 * @param forkId the fork's id
 * @param rulesetVersion the diverging ruleset's version
 * @param adoptionCount how many nodes adopted it
 */
public record GovernanceForkDetected(String forkId, String rulesetVersion, long adoptionCount) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public GovernanceForkDetected {
        Checks.id("GovernanceForkDetected.forkId", forkId);
        Checks.id("GovernanceForkDetected.rulesetVersion", rulesetVersion);
        Checks.notNegative("GovernanceForkDetected.adoptionCount", adoptionCount);
    }

    @Override
    public EventType type() {
        return EventType.GOVERNANCE_FORK_DETECTED;
    }
}
