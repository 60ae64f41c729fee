package org.nodebus.janitor.sequence;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
    private final Supplier<Set<String>> loadedModules;

    /**
     * @param loadedModules the ids of the loaded modules: the results and the success are theirs, not those of
     *        the node's own subscribers (the EventManager's EventAdmin bridge), as in {@code nodebus:modules}
     */
    public MaintenanceRun(EventPublisher publisher, Clock clock, Supplier<Set<String>> loadedModules) {
        this.publisher = publisher;
        this.clock = clock;
        this.loadedModules = loadedModules;
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
        Set<String> loaded = loadedModules.get();
        Map<String, ModuleOutcome> modules = new LinkedHashMap<>();
        put(modules, loaded, report.handled(), ModuleOutcome.HANDLED);
        put(modules, loaded, report.failed(), ModuleOutcome.FAILED);
        put(modules, loaded, report.dropped(), ModuleOutcome.DROPPED);
        put(modules, loaded, report.timedOut(), ModuleOutcome.TIMED_OUT);
        boolean success = modules.values().stream().allMatch(ModuleOutcome.HANDLED::equals);
        MaintenanceResults results = new MaintenanceResults(reason, targetAgeDays, modules);
        MaintenanceCompleted completed = new MaintenanceCompleted(MaintenanceType.CLEANUP, success, duration,
                Optional.of(Reports.toJson(results)));
        publisher.publish(completed);
        LOG.info("Maintenance ({}) completed in {} ms, success={}: {}", reason, duration, success, modules);
        return completed;
    }

    private static void put(Map<String, ModuleOutcome> modules, Set<String> loaded, List<String> ids,
            ModuleOutcome outcome) {
        ids.stream().filter(loaded::contains).forEach(id -> modules.put(id, outcome));
    }
}
