package org.nodebus.sample.node;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.NewBlock;
import org.nodebus.internal.config.ConfigSchema;
import org.nodebus.internal.config.ConfigValues;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a simulated chain: blocks, transactions and network events at a configurable rate. A new
 * configuration applies to the running chain (it goes on from its height); a bad value is refused with a
 * log line and the previous value stays.
 */
@Component(configurationPid = SimulatedNode.PID)
@Designate(ocd = SimulatedNode.Config.class)
public final class SimulatedNode {
    static final String PID = "org.nodebus.sample.node";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNode.class);

    @ObjectClassDefinition(id = PID, name = "NodeBus sample: simulated node")
    public @interface Config {
        @AttributeDefinition(name = "Blocks per second", min = "0.01", max = "10000",
                description = "How fast blocks come; each brings its transactions and some network events.")
        double blocks_per_second() default 0.5;

        @AttributeDefinition(name = "Transactions per block", min = "0", max = "10000")
        int transactions_per_block() default 3;

        @AttributeDefinition(name = "Peers", min = "0", max = "125")
        int peers() default 8;
    }

    static final ConfigSchema<Config> SCHEMA = ConfigSchema.of(Config.class, PID);

    private final EventPublisher publisher;
    private final ScheduledExecutorService executor;
    private final ChainSimulator chain;
    /** written by activation and {@code @Modified}, which DS serialises */
    private ConfigValues<Config> config;
    private ScheduledFuture<?> blocks;

    @Activate
    public SimulatedNode(@Reference EventPublisher publisher, Map<String, Object> properties) {
        this.publisher = publisher;
        this.config = read(properties, SCHEMA.defaults());
        Config c = config.typed();
        this.chain = new ChainSimulator(System.nanoTime(), c.transactions_per_block(), c.peers());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sample-node"));
        schedule(c.blocks_per_second());
        LOG.info("Simulated node publishing {} blocks/s with {} transactions each", c.blocks_per_second(),
                c.transactions_per_block());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        Config before = config.typed();
        config = read(properties, config);
        Config c = config.typed();
        chain.reshape(c.transactions_per_block(), c.peers());
        if (c.blocks_per_second() != before.blocks_per_second()) {
            schedule(c.blocks_per_second());
        }
        LOG.info("Simulated node publishing {} blocks/s with {} transactions each, from height {}",
                c.blocks_per_second(), c.transactions_per_block(), chain.height() + 1);
    }

    private static ConfigValues<Config> read(Map<String, Object> properties, ConfigValues<Config> previous) {
        return SCHEMA.read(properties, previous, problem -> LOG.warn("Configuration {}: {}", PID, problem));
    }

    private void schedule(double blocksPerSecond) {
        if (blocks != null) {
            blocks.cancel(false);
        }
        long periodMicros = (long) (1_000_000 / blocksPerSecond);
        blocks = executor.scheduleAtFixedRate(this::nextBlock, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void nextBlock() {
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
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
        LOG.info("Simulated node stopped at height {}", chain.height());
    }
}
