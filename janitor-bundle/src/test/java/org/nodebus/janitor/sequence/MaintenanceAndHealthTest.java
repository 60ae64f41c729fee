package org.nodebus.janitor.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nodebus.api.DeliveryReport;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.Subscription;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.HealthCheck;
import org.nodebus.api.event.HealthCheckType;
import org.nodebus.api.event.MaintenanceCompleted;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.MaintenanceStarted;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.NodeStartupCompleted;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.Urgency;
import org.nodebus.api.report.MaintenanceResults;
import org.nodebus.api.report.ModuleOutcome;
import org.nodebus.api.report.ModuleReport;
import org.nodebus.janitor.FakePublisher;

class MaintenanceAndHealthTest {

    @Test
    void maintenanceStartsCleansUpAndCompletesWithEachModulesOutcome() throws Exception {
        FakePublisher publisher = new FakePublisher().taking(250).answering(p -> new DeliveryReport(p.type(), 1,
                List.of("fast", "org.nodebus.eventmanager"), List.of("broken"), List.of(), List.of("slow")));
        // the EventManager's own bridge is offered the event too, but it is no module
        MaintenanceCompleted done = new MaintenanceRun(publisher, publisher.clock, () -> Set.of("fast", "broken", "slow"))
                .run(MaintenanceReason.PERIODIC, 30, Duration.ofSeconds(60));
        assertTrue(publisher.published.get(0) instanceof MaintenanceStarted);
        assertEquals(new DataMaintenance(Operation.CLEANUP, Urgency.LOW, MaintenanceReason.PERIODIC, Optional.of(30),
                Optional.of(60L)), publisher.published.get(1));
        assertEquals(done, publisher.published.get(2));
        assertFalse(done.success());
        assertEquals(250, done.durationMs());
        assertEquals("{\"reason\":\"PERIODIC\",\"targetAgeDays\":30,\"modules\":{\"fast\":\"handled\","
                + "\"broken\":\"failed\",\"slow\":\"timed out\"}}", done.results().orElseThrow());
        assertEquals(new MaintenanceResults(MaintenanceReason.PERIODIC, 30, Map.of("fast", ModuleOutcome.HANDLED,
                "broken", ModuleOutcome.FAILED, "slow", ModuleOutcome.TIMED_OUT)), done.moduleResults().orElseThrow());
    }

    @Test
    void theNodesOwnSubscriberIsNoModuleOfTheMaintenanceAndCannotFailIt() throws Exception {
        FakePublisher publisher = new FakePublisher().answering(p -> new DeliveryReport(p.type(), 1,
                List.of("storage"), List.of(), List.of(), List.of("org.nodebus.eventmanager")));
        MaintenanceCompleted done = new MaintenanceRun(publisher, publisher.clock, () -> Set.of("storage"))
                .run(MaintenanceReason.MANUAL, 30, Duration.ofSeconds(5));
        assertTrue(done.success());
        assertEquals(Map.of("storage", ModuleOutcome.HANDLED), done.moduleResults().orElseThrow().modules());
    }

    @Test
    void theHealthReportHasEveryModuleAndTheNodeIsHealthyOnlyWhenEveryModuleIsHealthyAndNoneDrops() {
        FakePublisher publisher = new FakePublisher();
        StubManager manager = new StubManager(List.of(
                new ModuleInfo("a", "1.0.0", 5, ModuleHealth.HEALTHY, 0, Instant.EPOCH),
                new ModuleInfo("b", "2.0.0", 6, ModuleHealth.DEGRADED, 3, Instant.EPOCH)),
                new java.util.HashMap<>(Map.of("a", new DeliveryStats(10, 0, 0, 0), "b", new DeliveryStats(4, 5, 1, 3))));
        HealthCheckRun run = new HealthCheckRun(publisher, manager);
        HealthCheck check = run.run(HealthCheckType.MANUAL);
        assertFalse(check.nodeHealthy(), "a DEGRADED module makes the node unhealthy");
        assertEquals("{\"nodeHealthy\":false,\"modules\":{\"a\":{\"version\":\"1.0.0\",\"health\":\"HEALTHY\","
                + "\"successful\":10,\"failed\":0,\"channelFull\":0,\"queued\":0,\"queueCapacity\":100,"
                + "\"droppedSincePrevious\":0,\"failedSincePrevious\":0},\"b\":{\"version\":\"2.0.0\","
                + "\"health\":\"DEGRADED\",\"successful\":4,\"failed\":5,\"channelFull\":1,\"queued\":3,"
                + "\"queueCapacity\":100,\"droppedSincePrevious\":1,\"failedSincePrevious\":5}}}",
                check.healthReport().orElseThrow());
        assertEquals(new ModuleReport("2.0.0", ModuleHealth.DEGRADED, 4, 5, 1, 3, 100, 1, 5),
                check.report().orElseThrow().modules().get("b"));
        assertEquals(List.of(check), publisher.published);

        manager.modules = List.of(new ModuleInfo("a", "1.0.0", 5, ModuleHealth.HEALTHY, 0, Instant.EPOCH));
        assertTrue(run.run(HealthCheckType.PERIODIC).nodeHealthy(), "every module HEALTHY, no drop");
        manager.stats.put("a", new DeliveryStats(20, 0, 7, 100));
        HealthCheck dropping = run.run(HealthCheckType.PERIODIC);
        assertFalse(dropping.nodeHealthy(), "a module that dropped since the previous check");
        assertEquals(7, dropping.report().orElseThrow().modules().get("a").droppedSincePrevious());
        assertTrue(run.run(HealthCheckType.PERIODIC).nodeHealthy(), "no drop since the previous check");

        manager.modules = List.of(new ModuleInfo("c", "1.0.0", 7, ModuleHealth.UNRESPONSIVE, 100, Instant.EPOCH));
        assertFalse(run.run(HealthCheckType.PERIODIC).nodeHealthy());
    }

    @Test
    void startupWaitsForActiveModulesToLoadThenAnnouncesOnce() {
        FakePublisher publisher = new FakePublisher();
        List<String> loaded = new java.util.concurrent.CopyOnWriteArrayList<>(List.of("a"));
        StartupWatch watch = new StartupWatch(publisher, publisher.clock, () -> publisher.clock.millis() - 4_000,
                () -> Set.of("a", "b"), () -> List.copyOf(loaded));
        assertFalse(watch.check(Duration.ofSeconds(60)), "b has not loaded");
        loaded.add("b");
        assertTrue(watch.check(Duration.ofSeconds(60)));
        assertTrue(watch.check(Duration.ofSeconds(60)));
        assertEquals(List.of(new NodeStartupCompleted(4_000, List.of("a", "b"))), publisher.published);
    }

    @Test
    void startupIsAnnouncedAfterTheSettleTimeoutEvenIfAModuleNeverLoads() {
        FakePublisher publisher = new FakePublisher();
        StartupWatch watch = new StartupWatch(publisher, publisher.clock, () -> 0, () -> Set.of("a", "stuck"),
                () -> List.of("a"));
        assertFalse(watch.check(Duration.ofSeconds(5)));
        publisher.clock.advance(5_001);
        assertTrue(watch.check(Duration.ofSeconds(5)));
        assertEquals(List.of("a"), publisher.of(NodeStartupCompleted.class).get(0).components());
    }

    static final class StubManager implements EventManager {
        List<ModuleInfo> modules;
        final Map<String, DeliveryStats> stats;

        StubManager(List<ModuleInfo> modules, Map<String, DeliveryStats> stats) {
            this.modules = modules;
            this.stats = stats;
        }

        @Override
        public Subscription subscribe(Set<EventType> eventTypes, EventSubscriber subscriber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Subscription subscribe(org.nodebus.api.SubscriptionSpec spec, EventSubscriber subscriber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Subscription subscribeDurable(String name, org.nodebus.api.SubscriptionSpec spec,
                EventSubscriber subscriber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<org.nodebus.api.Event> replay(String name, long fromSequence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deleteDurable(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<org.nodebus.api.DurableInfo> getDurableSubscriptions() {
            return List.of();
        }

        @Override
        public Optional<DeliveryStats> getDeliveryStats(String moduleId) {
            return Optional.ofNullable(stats.get(moduleId));
        }

        @Override
        public int getQueueCapacity(String moduleId) {
            return 100;
        }

        @Override
        public Map<String, DeliveryStats> getAllDeliveryStats() {
            return stats;
        }

        @Override
        public void resetDeliveryStats(String moduleId) {
        }

        @Override
        public List<String> getSubscribers(EventType eventType) {
            return List.of();
        }

        @Override
        public List<ModuleInfo> getLoadedModules() {
            return modules;
        }
    }
}
