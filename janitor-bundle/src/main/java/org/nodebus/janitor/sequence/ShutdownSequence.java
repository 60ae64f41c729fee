package org.nodebus.janitor.sequence;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nodebus.internal.log.LifecycleLog;
import org.nodebus.api.DeliveryReport;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.NodeShutdown;
import org.nodebus.api.event.NodeShutdownCompleted;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.ShutdownReason;
import org.nodebus.api.event.Urgency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orderly shutdown: NodeShutdown, then a high-urgency DataMaintenance flush, each awaited; then the
 * modules stop; then NodeShutdownCompleted. The timeout bounds both waits together, so a hung module
 * delays the shutdown by at most the timeout. A quarter of it is kept for the flush: a module that hangs
 * in NodeShutdown must not use up the time the others need to flush their data before they are stopped.
 */
public final class ShutdownSequence {
    /** How long NodeShutdownCompleted waits for the subscribers that remain (EventAdmin bridge, infrastructure). */
    static final Duration COMPLETED_GRACE = Duration.ofSeconds(2);
    /** The share of the timeout the NodeShutdown wait leaves for the flush, at the least. */
    static final int FLUSH_SHARE_DIVISOR = 4;
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);

    private final EventPublisher publisher;
    private final Clock clock;
    private final Runnable stopModules;

    /**
     * @param publisher the janitor's publisher (a node component, allowed to publish reserved events)
     * @param clock measures the durations
     * @param stopModules stops every module bundle
     */
    public ShutdownSequence(EventPublisher publisher, Clock clock, Runnable stopModules) {
        this.publisher = publisher;
        this.clock = clock;
        this.stopModules = stopModules;
    }

    /**
     * Runs the sequence on the calling thread.
     *
     * @param reason why the node stops
     * @param timeout the longest both waits together take
     * @return the reports of the NodeShutdown and flush waits
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public List<DeliveryReport> run(ShutdownReason reason, Duration timeout) throws InterruptedException {
        long start = clock.millis();
        List<DeliveryReport> reports = new ArrayList<>();
        Duration shutdownWait = timeout.minus(timeout.dividedBy(FLUSH_SHARE_DIVISOR));
        LifecycleLog.FACTS.info("Node shutting down ({}): publishing NodeShutdown, modules have {} s; waiting up to {} ms for them, "
                + "the rest is kept for the flush", reason, timeout.toSeconds(), shutdownWait.toMillis());
        DeliveryReport shutdown = publisher.publishAndAwait(new NodeShutdown(reason, timeout.toSeconds()), shutdownWait);
        reports.add(shutdown);
        logUnfinished("NodeShutdown", shutdown);

        Duration left = timeout.minusMillis(clock.millis() - start);
        if (left.isNegative()) {
            left = Duration.ZERO;
        }
        LOG.info("Node shutting down: publishing DataMaintenance(FLUSH, HIGH, SHUTDOWN), modules have {} ms",
                left.toMillis());
        DeliveryReport flush = publisher.publishAndAwait(new DataMaintenance(Operation.FLUSH, Urgency.HIGH,
                MaintenanceReason.SHUTDOWN, Optional.empty(), Optional.of(left.toSeconds())), left);
        reports.add(flush);
        logUnfinished("the flush", flush);

        LOG.info("Node shutting down: stopping modules");
        stopModules.run();
        long duration = clock.millis() - start;
        publisher.publishAndAwait(new NodeShutdownCompleted(duration), COMPLETED_GRACE);
        LifecycleLog.FACTS.info("NodeShutdownCompleted after {} ms", duration);
        return reports;
    }

    private static void logUnfinished(String step, DeliveryReport report) {
        LOG.info("{} handled by {} module(s): {}", step, report.handled().size(), report.handled());
        if (!report.timedOut().isEmpty()) {
            LOG.warn("Modules that did not finish {} within the timeout: {}", step, report.timedOut());
        }
        if (!report.failed().isEmpty()) {
            LOG.warn("Modules that failed {}: {}", step, report.failed());
        }
        if (!report.dropped().isEmpty()) {
            LOG.warn("Modules that missed {}: {}", step, report.dropped());
        }
    }
}
