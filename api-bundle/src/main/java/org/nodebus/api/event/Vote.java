package org.nodebus.api.event;

/**
 * A vote cast on a governance proposal ({@link GovernanceProposalVoted}).
 */
public enum Vote {
    /** In favour. */
    APPROVE,
    /** Against. */
    REJECT,
    /** Neither. */
    ABSTAIN;
}
