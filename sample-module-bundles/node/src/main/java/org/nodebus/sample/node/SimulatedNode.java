package org.nodebus.sample.node;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.NewBlock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a simulated chain: blocks, transactions and network events at a configurable rate. */
@Component(configurationPid = "org.nodebus.sample.node")
@Designate(ocd = SimulatedNode.Config.class)
public final class SimulatedNode {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNode.class);

    @ObjectClassDefinition(name = "NodeBus sample: simulated node")
    public @interface Config {
        @AttributeDefinition(name = "Blocks per second", min = "0.01", max = "10000",
                description = "How fast blocks come; each brings its transactions and some network events.")
        double blocks_per_second() default 0.5;

        @AttributeDefinition(name = "Transactions per block", min = "0", max = "10000")
        int transactions_per_block() default 3;

        @AttributeDefinition(name = "Peers", min = "0", max = "125")
        int peers() default 8;
    }

    private final ScheduledExecutorService executor;
    private final ChainSimulator chain;

    @Activate
    public SimulatedNode(@Reference EventPublisher publisher, Config config) {
        double rate = config.blocks_per_second() > 0 ? config.blocks_per_second() : 0.5;
        this.chain = new ChainSimulator(System.nanoTime(), Math.max(0, config.transactions_per_block()),
                Math.max(0, config.peers()));
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sample-node"));
        long periodMicros = (long) (1_000_000 / rate);
        executor.scheduleAtFixedRate(() -> {
            try {
                for (EventPayload event : chain.nextBlock()) {
                    publisher.publish(event);
                    if (event instanceof NewBlock block) {
                        LOG.debug("Simulated block {} at height {}", block.blockHash(), block.height());
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Simulated node could not publish block {}: {}", chain.height(), e.toString());
            }
        }, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        LOG.info("Simulated node publishing {} blocks/s with {} transactions each", rate, config.transactions_per_block());
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
        LOG.info("Simulated node stopped at height {}", chain.height());
    }
}
