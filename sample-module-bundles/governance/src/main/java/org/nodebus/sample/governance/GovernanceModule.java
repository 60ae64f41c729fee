package org.nodebus.sample.governance;

import java.util.Map;
import org.nodebus.api.Event;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.SubscribeTo;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.GovernanceProposalCreated;
import org.nodebus.api.event.GovernanceProposalVoted;
import org.nodebus.internal.config.ConfigSchema;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reacts to governance events and publishes GovernanceProposalMerged when a proposal passes (scenario 5). */
@Component(configurationPid = GovernanceModule.PID)
@Designate(ocd = GovernanceModule.Config.class)
@SubscribeTo({EventType.GOVERNANCE_PROPOSAL_CREATED, EventType.GOVERNANCE_PROPOSAL_VOTED})
public final class GovernanceModule implements EventSubscriber {
    static final String PID = "org.nodebus.sample.governance";
    private static final Logger LOG = LoggerFactory.getLogger(GovernanceModule.class);

    @ObjectClassDefinition(id = PID, name = "NodeBus sample: governance")
    public @interface Config {
        @AttributeDefinition(name = "Approvals needed", min = "1", max = "1000")
        int required_approvals() default 2;
    }

    private final EventPublisher publisher;
    private final ProposalTally tally;

    static final ConfigSchema<Config> SCHEMA = ConfigSchema.of(Config.class, PID);

    @Activate
    public GovernanceModule(@Reference EventPublisher publisher, Map<String, Object> properties) {
        this.publisher = publisher;
        Config config = SCHEMA.read(properties, SCHEMA.defaults(),
                problem -> LOG.warn("Configuration {}: {}", PID, problem)).typed();
        this.tally = new ProposalTally(config.required_approvals());
    }

    @Override
    public void onEvent(Event event) {
        if (event.payload() instanceof GovernanceProposalCreated created) {
            LOG.info("Proposal {} created for {}#{} (tier {})", created.proposalId(), created.repository(),
                    created.prNumber(), created.tier());
            tally.created(created);
        } else if (event.payload() instanceof GovernanceProposalVoted vote) {
            tally.voted(vote).ifPresent(merged -> {
                LOG.info("Proposal {} passed; publishing GovernanceProposalMerged", merged.proposalId());
                publisher.publish(merged);
            });
        }
    }
}
