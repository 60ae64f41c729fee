package org.nodebus.janitor.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.DiskSpaceLow;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.ResourceLimitWarning;
import org.nodebus.api.event.ResourceType;
import org.nodebus.api.event.Urgency;
import org.nodebus.janitor.FakePublisher;
import org.nodebus.janitor.config.JanitorSettings;
import org.nodebus.janitor.config.JanitorSettingsParser;
import org.nodebus.janitor.probe.CpuProbe;
import org.nodebus.janitor.probe.DiskUsage;
import org.nodebus.janitor.probe.MemoryProbe;

class MonitorsTest {
    @TempDir
    Path dataDir;

    private JanitorSettings settings() {
        return JanitorSettingsParser.parse(java.util.Map.of("data.dir", dataDir.toString()), JanitorSettingsParser.DEFAULTS)
                .settings();
    }

    /** Low free space alone, without the disk usage warning that 92% used would also give. */
    private JanitorSettings lowDiskOnly() {
        return JanitorSettingsParser.parse(java.util.Map.of("data.dir", dataDir.toString(),
                "disk.usage.threshold.percent", 99.5), JanitorSettingsParser.DEFAULTS).settings();
    }

    @Test
    void thresholdAlarmsFireOncePerCrossing() {
        ThresholdAlarm alarm = ThresholdAlarm.above(90, 2);
        assertEquals(List.of(false, true, false, false, false, false, true),
                List.of(alarm.update(50), alarm.update(90), alarm.update(95), alarm.update(89),
                        alarm.update(91), alarm.update(87.9), alarm.update(92)));
        ThresholdAlarm low = ThresholdAlarm.below(10, 2);
        assertEquals(List.of(false, true, false, false, false, true),
                List.of(low.update(50), low.update(9.9), low.update(5), low.update(11), low.update(12), low.update(1)));
    }

    @Test
    void lowDiskPublishesTheMeasuredFiguresThenAnUrgentCleanupOncePerCrossing() {
        FakePublisher publisher = new FakePublisher();
        long[] available = {500};
        DiskMonitor monitor = new DiskMonitor(publisher, this::lowDiskOnly, () -> dir -> new DiskUsage(available[0], 1_000));
        monitor.poll();
        assertEquals(List.of(), publisher.published, "50% free is fine");
        available[0] = 80;
        monitor.poll();
        monitor.poll();
        assertEquals(2, publisher.published.size(), "one DiskSpaceLow and one cleanup for one crossing, not per poll");
        DiskSpaceLow low = (DiskSpaceLow) publisher.published.get(0);
        assertEquals(80, low.availableBytes());
        assertEquals(1_000, low.totalBytes());
        assertEquals(8.0, low.percentFree(), 1e-9);
        assertEquals(dataDir.toAbsolutePath().toString(), low.diskPath());
        assertEquals(new DataMaintenance(Operation.CLEANUP, Urgency.HIGH, MaintenanceReason.LOW_DISK, Optional.of(7),
                Optional.of(300L)), publisher.published.get(1));
        available[0] = 130;
        monitor.poll();
        available[0] = 50;
        monitor.poll();
        assertEquals(2, publisher.of(DiskSpaceLow.class).size(), "after recovering it warns again");
    }

    @Test
    void fullDiskAlsoWarnsAsAResource() {
        FakePublisher publisher = new FakePublisher();
        DiskMonitor monitor = new DiskMonitor(publisher, this::settings, () -> dir -> new DiskUsage(40, 1_000));
        monitor.poll();
        ResourceLimitWarning warning = publisher.of(ResourceLimitWarning.class).get(0);
        assertEquals(ResourceType.DISK, warning.resourceType());
        assertEquals(96.0, warning.usagePercent(), 1e-9);
        assertEquals(960, warning.currentUsage());
        assertEquals(1_000, warning.limit());
    }

    @Test
    void aProbeThatFailsIsLoggedAndPublishesNothing() {
        FakePublisher publisher = new FakePublisher();
        DiskMonitor monitor = new DiskMonitor(publisher, this::settings, () -> dir -> {
            throw new IOException("no such disk");
        });
        monitor.poll();
        assertEquals(List.of(), publisher.published);
    }

    @Test
    void memoryAndCpuWarnOncePerCrossing() {
        FakePublisher publisher = new FakePublisher();
        long[] used = {100};
        double[] load = {0.10};
        MemoryProbe memory = new MemoryProbe() {
            @Override
            public long usedBytes() {
                return used[0];
            }

            @Override
            public long maxBytes() {
                return 1_000;
            }
        };
        CpuProbe cpu = () -> load[0];
        ResourceMonitor monitor = new ResourceMonitor(publisher, this::settings, () -> memory, () -> cpu);
        monitor.poll();
        used[0] = 950;
        load[0] = 0.97;
        monitor.poll();
        monitor.poll();
        List<ResourceLimitWarning> warnings = publisher.of(ResourceLimitWarning.class);
        assertEquals(2, warnings.size());
        assertEquals(new ResourceLimitWarning(ResourceType.MEMORY, 95.0, 950, 1_000, 90), warnings.get(0));
        assertEquals(ResourceType.CPU, warnings.get(1).resourceType());
        assertEquals(970, warnings.get(1).currentUsage());
        load[0] = -1;
        monitor.poll();
        assertTrue(publisher.of(ResourceLimitWarning.class).size() == 2, "an unknown load publishes nothing");
    }

    @Test
    void theRealProbesMeasureSomething() throws IOException {
        DiskUsage usage = SystemProbes.DISK.measure(dataDir);
        assertTrue(usage.totalBytes() > 0 && usage.availableBytes() <= usage.totalBytes());
        assertTrue(SystemProbes.MEMORY.usedBytes() > 0 && SystemProbes.MEMORY.maxBytes() >= SystemProbes.MEMORY.usedBytes());
    }
}
