package org.nodebus.api.event;

/**
 * A governance proposal was created for a pull request.
 *
 * @param proposalId the proposal's id
 * @param repository the repository, e.g. {@code owner/name}
 * @param prNumber the pull request number, 1 or more
 * @param tier the governance tier, 0 or more
 */
public record GovernanceProposalCreated(String proposalId, String repository, long prNumber, int tier) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public GovernanceProposalCreated {
        Checks.id("GovernanceProposalCreated.proposalId", proposalId);
        Checks.id("GovernanceProposalCreated.repository", repository);
        Checks.positive("GovernanceProposalCreated.prNumber", prNumber);
        Checks.notNegative("GovernanceProposalCreated.tier", tier);
    }

    @Override
    public EventType type() {
        return EventType.GOVERNANCE_PROPOSAL_CREATED;
    }
}
