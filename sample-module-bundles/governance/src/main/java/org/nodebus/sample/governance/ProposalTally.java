package org.nodebus.sample.governance;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.nodebus.api.event.GovernanceProposalCreated;
import org.nodebus.api.event.GovernanceProposalMerged;
import org.nodebus.api.event.GovernanceProposalVoted;
import org.nodebus.api.event.Vote;

/**
 * Counts votes per proposal; a proposal passes (and is merged, once) when it has at least the required
 * approvals and more approvals than rejections. One vote per voter: a later vote replaces an earlier one.
 */
final class ProposalTally {
    private final int requiredApprovals;
    private final Map<String, Proposal> proposals = new HashMap<>();

    private static final class Proposal {
        final GovernanceProposalCreated created;
        final Map<String, Vote> votes = new HashMap<>();
        boolean merged;

        Proposal(GovernanceProposalCreated created) {
            this.created = created;
        }
    }

    ProposalTally(int requiredApprovals) {
        this.requiredApprovals = requiredApprovals;
    }

    synchronized void created(GovernanceProposalCreated created) {
        proposals.putIfAbsent(created.proposalId(), new Proposal(created));
    }

    /** Records a vote; returns the merge to publish if this vote made the proposal pass. */
    synchronized Optional<GovernanceProposalMerged> voted(GovernanceProposalVoted vote) {
        Proposal proposal = proposals.get(vote.proposalId());
        if (proposal == null || proposal.merged) {
            return Optional.empty();
        }
        proposal.votes.put(vote.voter(), vote.vote());
        long approvals = proposal.votes.values().stream().filter(v -> v == Vote.APPROVE).count();
        long rejections = proposal.votes.values().stream().filter(v -> v == Vote.REJECT).count();
        if (approvals >= requiredApprovals && approvals > rejections) {
            proposal.merged = true;
            return Optional.of(new GovernanceProposalMerged(proposal.created.proposalId(),
                    proposal.created.repository(), proposal.created.prNumber()));
        }
        return Optional.empty();
    }
}
