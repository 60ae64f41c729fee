package org.nodebus.janitor.sequence;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nodebus.api.DeliveryReport;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.MaintenanceCompleted;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.MaintenanceStarted;
import org.nodebus.api.event.MaintenanceType;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.Urgency;
import org.nodebus.api.report.MaintenanceResults;
import org.nodebus.api.report.ModuleOutcome;
import org.nodebus.api.report.Reports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One maintenance run: MaintenanceStarted(CLEANUP), DataMaintenance(CLEANUP, LOW, reason, targetAgeDays)
 * awaited within the timeout, MaintenanceCompleted with a JSON document naming each module's outcome.
 */
public final class MaintenanceRun {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceRun.class);

    private final EventPublisher publisher;
    private final Clock clock;

    public MaintenanceRun(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * @param reason PERIODIC for the schedule, MANUAL for an operator
     * @param targetAgeDays clean up data older than this
     * @param timeout how long to wait for modules
     * @return the MaintenanceCompleted that was published
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public MaintenanceCompleted run(MaintenanceReason reason, int targetAgeDays, Duration timeout)
            throws InterruptedException {
        long start = clock.millis();
        LOG.info("Maintenance ({}) started: cleanup of data older than {} days", reason, targetAgeDays);
        publisher.publish(new MaintenanceStarted(MaintenanceType.CLEANUP, Optional.empty()));
        DeliveryReport report = publisher.publishAndAwait(new DataMaintenance(Operation.CLEANUP, Urgency.LOW, reason,
                Optional.of(targetAgeDays), Optional.of(timeout.toSeconds())), timeout);
        long duration = clock.millis() - start;
        Map<String, ModuleOutcome> modules = new LinkedHashMap<>();
        put(modules, report.handled(), ModuleOutcome.HANDLED);
        put(modules, report.failed(), ModuleOutcome.FAILED);
        put(modules, report.dropped(), ModuleOutcome.DROPPED);
        put(modules, report.timedOut(), ModuleOutcome.TIMED_OUT);
        MaintenanceResults results = new MaintenanceResults(reason, targetAgeDays, modules);
        MaintenanceCompleted completed = new MaintenanceCompleted(MaintenanceType.CLEANUP, report.complete(), duration,
                Optional.of(Reports.toJson(results)));
        publisher.publish(completed);
        LOG.info("Maintenance ({}) completed in {} ms, success={}: {}", reason, duration, report.complete(), modules);
        return completed;
    }

    private static void put(Map<String, ModuleOutcome> modules, List<String> ids, ModuleOutcome outcome) {
        ids.forEach(id -> modules.put(id, outcome));
    }
}
