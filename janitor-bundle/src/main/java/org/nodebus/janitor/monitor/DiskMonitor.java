package org.nodebus.janitor.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.DataMaintenance;
import org.nodebus.api.event.DiskSpaceLow;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.Operation;
import org.nodebus.api.event.ResourceLimitWarning;
import org.nodebus.api.event.ResourceType;
import org.nodebus.api.event.Urgency;
import org.nodebus.janitor.config.JanitorSettings;
import org.nodebus.janitor.probe.DiskProbe;
import org.nodebus.janitor.probe.DiskUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the disk of the node's data directory. When free space falls below the threshold it publishes
 * DiskSpaceLow with the measured figures, then DataMaintenance(CLEANUP, HIGH, LOW_DISK, 7 days); when
 * usage crosses the disk usage threshold, ResourceLimitWarning(DISK). Each once per crossing.
 */
public final class DiskMonitor {
    /** Low-disk cleanup keeps a week of data. */
    static final int LOW_DISK_TARGET_AGE_DAYS = 7;
    private static final Logger LOG = LoggerFactory.getLogger(DiskMonitor.class);

    private final EventPublisher publisher;
    private final Supplier<JanitorSettings> settings;
    private final Supplier<DiskProbe> probe;
    private final ThresholdAlarm lowFree;
    private final ThresholdAlarm highUsage;
    private volatile String lastError;

    public DiskMonitor(EventPublisher publisher, Supplier<JanitorSettings> settings, Supplier<DiskProbe> probe) {
        this.publisher = publisher;
        this.settings = settings;
        this.probe = probe;
        JanitorSettings s = settings.get();
        this.lowFree = ThresholdAlarm.below(s.diskFreeThresholdPercent(), s.hysteresisPercent());
        this.highUsage = ThresholdAlarm.above(s.diskUsageThresholdPercent(), s.hysteresisPercent());
    }

    /** Measures once and publishes what crossed a threshold. */
    public void poll() {
        JanitorSettings s = settings.get();
        lowFree.set(s.diskFreeThresholdPercent(), s.hysteresisPercent());
        highUsage.set(s.diskUsageThresholdPercent(), s.hysteresisPercent());
        Path dir = Path.of(s.dataDir()).toAbsolutePath();
        DiskUsage usage;
        try {
            Files.createDirectories(dir);
            usage = probe.get().measure(dir);
        } catch (IOException | RuntimeException e) {
            String error = e.toString();
            if (!error.equals(lastError)) {
                LOG.error("Cannot measure the disk of the data directory {}: {}; check data.dir of {}", dir, error,
                        org.nodebus.janitor.config.JanitorSettingsParser.PID);
            }
            lastError = error;
            return;
        }
        lastError = null;
        double free = usage.percentFree();
        if (lowFree.update(free)) {
            LOG.warn("Disk of {} is low: {} of {} bytes free ({}%), below {}%; publishing DiskSpaceLow and a "
                    + "high-urgency cleanup", dir, usage.availableBytes(), usage.totalBytes(), round(free),
                    s.diskFreeThresholdPercent());
            publisher.publish(new DiskSpaceLow(usage.availableBytes(), usage.totalBytes(), free, dir.toString()));
            publisher.publish(new DataMaintenance(Operation.CLEANUP, Urgency.HIGH, MaintenanceReason.LOW_DISK,
                    Optional.of(LOW_DISK_TARGET_AGE_DAYS), Optional.of(s.maintenanceTimeout().toSeconds())));
        }
        double used = 100 - free;
        if (highUsage.update(used)) {
            LOG.warn("Disk of {} is {}% used, at or above {}%; publishing ResourceLimitWarning(DISK)", dir, round(used),
                    s.diskUsageThresholdPercent());
            publisher.publish(new ResourceLimitWarning(ResourceType.DISK, used, usage.totalBytes() - usage.availableBytes(),
                    usage.totalBytes(), s.diskUsageThresholdPercent()));
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
