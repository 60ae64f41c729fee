package org.nodebus.sample.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.GovernanceProposalCreated;
import org.nodebus.api.event.GovernanceProposalMerged;
import org.nodebus.api.event.GovernanceProposalVoted;
import org.nodebus.api.event.Vote;

class ProposalTallyTest {

    @Test
    void aProposalIsMergedOnceWhenEnoughApprovalsOutweighRejections() {
        ProposalTally tally = new ProposalTally(2);
        tally.created(new GovernanceProposalCreated("p1", "node/core", 42, 1));
        assertTrue(tally.voted(new GovernanceProposalVoted("p1", "alice", Vote.APPROVE)).isEmpty());
        assertTrue(tally.voted(new GovernanceProposalVoted("p1", "bob", Vote.REJECT)).isEmpty());
        assertTrue(tally.voted(new GovernanceProposalVoted("p1", "alice", Vote.APPROVE)).isEmpty(), "one vote per voter");
        assertTrue(tally.voted(new GovernanceProposalVoted("p1", "dave", Vote.REJECT)).isEmpty(), "1 approval, 2 rejections");
        assertTrue(tally.voted(new GovernanceProposalVoted("p1", "carol", Vote.APPROVE)).isEmpty(), "2 approvals, 2 rejections");
        assertTrue(tally.voted(new GovernanceProposalVoted("p1", "erin", Vote.APPROVE)).isPresent(), "3 approvals, 2 rejections");
    }

    @Test
    void passingPublishesTheMergeOnce() {
        ProposalTally tally = new ProposalTally(2);
        tally.created(new GovernanceProposalCreated("p2", "node/core", 7, 0));
        tally.voted(new GovernanceProposalVoted("p2", "alice", Vote.APPROVE));
        Optional<GovernanceProposalMerged> merged = tally.voted(new GovernanceProposalVoted("p2", "bob", Vote.APPROVE));
        assertEquals(Optional.of(new GovernanceProposalMerged("p2", "node/core", 7)), merged);
        assertTrue(tally.voted(new GovernanceProposalVoted("p2", "carol", Vote.APPROVE)).isEmpty());
        assertTrue(tally.voted(new GovernanceProposalVoted("unknown", "dave", Vote.APPROVE)).isEmpty());
    }
}
