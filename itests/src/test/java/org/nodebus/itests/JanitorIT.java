package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.nodebus.api.Event;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.DiskSpaceLow;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.HealthCheck;
import org.nodebus.api.event.HealthCheckType;
import org.nodebus.api.event.MaintenanceCompleted;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.MaintenanceStarted;
import org.nodebus.api.event.NodeStartupCompleted;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.Urgency;
import org.nodebus.janitor.probe.DiskProbe;
import org.nodebus.janitor.probe.DiskUsage;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * The janitor's sequences in a real framework: startup, periodic maintenance with a fast and a slow
 * module, health check on demand, low disk through a probe. The janitor is installed by each test, after
 * its configuration and modules, as an operator would hot-deploy it.
 */
@ExamReactorStrategy(PerMethod.class)
public class JanitorIT extends NodeBusTest {
    private static final EventType[] WATCH = {EventType.NODE_STARTUP_COMPLETED, EventType.MAINTENANCE_STARTED,
        EventType.DATA_MAINTENANCE, EventType.MAINTENANCE_COMPLETED, EventType.HEALTH_CHECK, EventType.DISK_SPACE_LOW,
        EventType.NEW_BLOCK};

    @Override
    protected Option[] extraOptions() {
        // installed but not started: each test starts it after its configuration and modules
        return new Option[] {NodeBusOptions.reactorBundleNoStart("janitor")};
    }

    private void configureJanitor(Object... keysAndValues) throws Exception {
        configure("org.nodebus.janitor", keysAndValues);
    }

    private Bundle startJanitor() throws Exception {
        Bundle janitor = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "org.nodebus.janitor".equals(b.getSymbolicName())).findFirst().orElseThrow();
        janitor.start();
        return janitor;
    }

    private List<Event> observer() throws Exception {
        return TestModules.observer(context, "test.observer", WATCH);
    }

    @Test
    public void startupIsAnnouncedOnceWithTheLoadedModules() throws Exception {
        List<Event> observer = observer();
        TestModules.startModule(context, "test.second");
        startJanitor();
        Await.until("NodeStartupCompleted", () -> observer.stream().anyMatch(e -> e.payload() instanceof NodeStartupCompleted));
        NodeStartupCompleted startup = observer.stream().map(Event::payload).filter(NodeStartupCompleted.class::isInstance)
                .map(NodeStartupCompleted.class::cast).findFirst().orElseThrow();
        assertTrue(startup.components().toString(), startup.components().containsAll(List.of("test.observer", "test.second")));
        assertTrue("duration since JVM start", startup.durationMs() > 0);
        Event event = observer.stream().filter(e -> e.payload() instanceof NodeStartupCompleted).findFirst().orElseThrow();
        assertEquals("events reserved to the node carry publisher node, whichever component published them",
                Event.NODE_PUBLISHER, event.publisher());
    }

    @Test
    public void periodicMaintenanceWaitsForModulesAndReportsEachOutcome() throws Exception {
        configureJanitor("maintenance.interval.seconds", 1L, "maintenance.timeout.seconds", 1L,
                "maintenance.target.age.days", 12);
        List<Event> observer = observer();
        Bundle fast = TestModules.startModule(context, "test.fast");
        Bundle slow = TestModules.startModule(context, "test.slow");
        Recorder fastRecorder = new Recorder();
        Recorder slowRecorder = new Recorder().hold();
        TestModules.subscribe(fast, fastRecorder, EventType.DATA_MAINTENANCE);
        TestModules.subscribe(slow, slowRecorder, EventType.DATA_MAINTENANCE);
        startJanitor();
        Await.until("a maintenance run completed", () -> observer.stream().anyMatch(e -> e.payload() instanceof MaintenanceCompleted));
        slowRecorder.open();
        List<Object> run = observer.stream().map(Event::payload).filter(p -> p instanceof MaintenanceStarted
                || p instanceof DataMaintenance || p instanceof MaintenanceCompleted).limit(3).map(p -> (Object) p).toList();
        assertTrue(run.get(0) instanceof MaintenanceStarted);
        assertEquals(new DataMaintenance(Operation.CLEANUP, Urgency.LOW, MaintenanceReason.PERIODIC, Optional.of(12),
                Optional.of(1L)), run.get(1));
        MaintenanceCompleted completed = (MaintenanceCompleted) run.get(2);
        assertFalse("the slow module did not finish", completed.success());
        String results = completed.results().orElseThrow();
        assertTrue(results, results.contains("\"test.fast\":\"handled\"") && results.contains("\"test.slow\":\"timed out\""));
        assertTrue(completed.durationMs() >= 1_000);
    }

    @Test
    public void aHealthCheckOnDemandReportsEveryModule() throws Exception {
        List<Event> observer = observer();
        startJanitor();
        Shell shell = new Shell(commandProcessor);
        Await.until("the command is there", () -> !shell.run("nodebus:health").startsWith("ERROR"));
        String out = shell.run("nodebus:health");
        assertTrue(out, out.startsWith("Node is healthy"));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("test\\.observer\\s+HEALTHY\\s+0/100\\s+0\\s+0")));
        String json = shell.run("nodebus:health --json");
        assertTrue(json, json.startsWith("{\"nodeHealthy\":true,\"modules\":{") && json.contains("\"test.observer\":{"));
        Await.until("HealthCheck(MANUAL)", () -> observer.stream().anyMatch(e -> e.payload() instanceof HealthCheck h
                && h.checkType() == HealthCheckType.MANUAL));
        HealthCheck check = observer.stream().map(Event::payload).filter(HealthCheck.class::isInstance)
                .map(HealthCheck.class::cast).filter(h -> h.checkType() == HealthCheckType.MANUAL).findFirst().orElseThrow();
        assertTrue(check.nodeHealthy());
        assertTrue(check.healthReport().orElseThrow(), check.healthReport().orElseThrow()
                .contains("\"test.observer\":{\"version\":\"1.0.0\",\"health\":\"HEALTHY\""));
    }

    @Test
    public void aLowDiskMeasuredByAProbeIsAnnouncedOnceWithAnUrgentCleanup() throws Exception {
        configureJanitor("disk.poll.seconds", 1L);
        context.registerService(DiskProbe.class, directory -> new DiskUsage(5_000, 100_000), null);
        List<Event> observer = observer();
        startJanitor();
        // the janitor publishes the cleanup right after DiskSpaceLow: wait for both before fencing
        Await.until("DiskSpaceLow and its cleanup", () -> observer.stream().anyMatch(e -> e.payload()
                instanceof DataMaintenance d && d.reason() == MaintenanceReason.LOW_DISK));
        Lifecycle.fence(TestModules.publisher(context.getBundle()), List.of(observer));
        List<Object> sequence = observer.stream().map(Event::payload)
                .filter(p -> p instanceof DiskSpaceLow || (p instanceof DataMaintenance d && d.reason() == MaintenanceReason.LOW_DISK))
                .map(p -> (Object) p).toList();
        DiskSpaceLow low = (DiskSpaceLow) sequence.get(0);
        assertEquals(5_000, low.availableBytes());
        assertEquals(100_000, low.totalBytes());
        assertEquals(5.0, low.percentFree(), 1e-9);
        assertTrue(low.diskPath(), low.diskPath().endsWith("nodebus-data"));
        assertEquals(new DataMaintenance(Operation.CLEANUP, Urgency.HIGH, MaintenanceReason.LOW_DISK, Optional.of(7),
                Optional.of(300L)), sequence.get(1));
        assertEquals("one crossing, one announcement, however many polls", 2, sequence.size());
    }
}
