package org.nodebus.itests;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.nodebus.api.Event;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.GovernanceProposalCreated;
import org.nodebus.api.event.GovernanceProposalMerged;
import org.nodebus.api.event.GovernanceProposalVoted;
import org.nodebus.api.event.Vote;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Scenario 5: governance events reach the governance sample module, whose follow-up event
 * (GovernanceProposalMerged) reaches its subscribers through the same queues.
 */
@ExamReactorStrategy(PerClass.class)
public class GovernanceFlowIT extends NodeBusTest {

    @Override
    protected Option[] extraOptions() {
        return new Option[] {NodeBusOptions.reactorBundle("governance")};
    }

    @Test
    public void aPassedProposalIsMergedByTheGovernanceModule() throws Exception {
        Await.until("the governance module subscribed", () -> eventManager
                .getSubscribers(EventType.GOVERNANCE_PROPOSAL_VOTED).contains("org.nodebus.sample.governance"));
        Bundle network = TestModules.startModule(context, "test.network");
        Bundle watcher = TestModules.startModule(context, "test.watcher");
        Recorder merges = new Recorder();
        TestModules.subscribe(watcher, merges, EventType.GOVERNANCE_PROPOSAL_MERGED);
        EventPublisher publisher = TestModules.publisher(network);

        publisher.publish(new GovernanceProposalCreated("bip-999", "node/core", 4242, 2));
        publisher.publish(new GovernanceProposalVoted("bip-999", "alice", Vote.APPROVE));
        publisher.publish(new GovernanceProposalVoted("bip-999", "bob", Vote.REJECT));
        publisher.publish(new GovernanceProposalVoted("bip-999", "carol", Vote.APPROVE));
        publisher.publish(new GovernanceProposalVoted("bip-999", "dave", Vote.APPROVE));

        Await.until("the merge arrived", () -> merges.count() == 1);
        Event merge = merges.events.get(0);
        assertEquals(new GovernanceProposalMerged("bip-999", "node/core", 4242), merge.payload());
        assertEquals("published by the governance module", "org.nodebus.sample.governance", merge.publisher());
        assertEquals(5, eventManager.getDeliveryStats("org.nodebus.sample.governance").orElseThrow().successful());
    }
}
