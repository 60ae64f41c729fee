package org.nodebus.api.event;

/**
 * A governance proposal was merged.
 *
 * @param proposalId the proposal's id
 * @param repository the repository
 * @param prNumber the pull request number, 1 or more
 */
public record GovernanceProposalMerged(String proposalId, String repository, long prNumber) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public GovernanceProposalMerged {
        Checks.id("GovernanceProposalMerged.proposalId", proposalId);
        Checks.id("GovernanceProposalMerged.repository", repository);
        Checks.positive("GovernanceProposalMerged.prNumber", prNumber);
    }

    @Override
    public EventType type() {
        return EventType.GOVERNANCE_PROPOSAL_MERGED;
    }
}
