package org.nodebus.api.event;

/**
 * A vote was cast on a governance proposal.
 *
 * @param proposalId the proposal's id
 * @param voter who voted
 * @param vote the vote
 */
public record GovernanceProposalVoted(String proposalId, String voter, Vote vote) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public GovernanceProposalVoted {
        Checks.id("GovernanceProposalVoted.proposalId", proposalId);
        Checks.id("GovernanceProposalVoted.voter", voter);
        Checks.notNull("GovernanceProposalVoted.vote", vote);
    }

    @Override
    public EventType type() {
        return EventType.GOVERNANCE_PROPOSAL_VOTED;
    }
}
