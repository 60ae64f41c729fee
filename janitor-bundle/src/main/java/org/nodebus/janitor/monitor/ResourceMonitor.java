package org.nodebus.janitor.monitor;

import java.util.function.Supplier;

import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.ResourceLimitWarning;
import org.nodebus.api.event.ResourceType;
import org.nodebus.janitor.config.JanitorSettings;
import org.nodebus.janitor.probe.CpuProbe;
import org.nodebus.janitor.probe.MemoryProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes ResourceLimitWarning when heap use or process CPU load crosses its threshold, once per crossing. */
public final class ResourceMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceMonitor.class);

    private final EventPublisher publisher;
    private final Supplier<JanitorSettings> settings;
    private final Supplier<MemoryProbe> memory;
    private final Supplier<CpuProbe> cpu;
    private final ThresholdAlarm memoryAlarm;
    private final ThresholdAlarm cpuAlarm;

    public ResourceMonitor(EventPublisher publisher, Supplier<JanitorSettings> settings, Supplier<MemoryProbe> memory,
            Supplier<CpuProbe> cpu) {
        this.publisher = publisher;
        this.settings = settings;
        this.memory = memory;
        this.cpu = cpu;
        JanitorSettings s = settings.get();
        this.memoryAlarm = ThresholdAlarm.above(s.memoryThresholdPercent(), s.hysteresisPercent());
        this.cpuAlarm = ThresholdAlarm.above(s.cpuThresholdPercent(), s.hysteresisPercent());
    }

    /** Measures once and publishes what crossed a threshold. */
    public void poll() {
        JanitorSettings s = settings.get();
        memoryAlarm.set(s.memoryThresholdPercent(), s.hysteresisPercent());
        cpuAlarm.set(s.cpuThresholdPercent(), s.hysteresisPercent());
        long used = memory.get().usedBytes();
        long max = memory.get().maxBytes();
        if (max > 0) {
            double percent = Math.min(100, used * 100.0 / max);
            if (memoryAlarm.update(percent)) {
                LOG.warn("Heap is {}% used ({} of {} bytes), at or above {}%; publishing ResourceLimitWarning(MEMORY)",
                        DiskMonitor.round(percent), used, max, s.memoryThresholdPercent());
                publisher.publish(new ResourceLimitWarning(ResourceType.MEMORY, percent, used, max,
                        s.memoryThresholdPercent()));
            }
        }
        double load = cpu.get().processLoad();
        if (load >= 0) {
            double percent = Math.min(100, load * 100);
            if (cpuAlarm.update(percent)) {
                LOG.warn("Process CPU load is {}%, at or above {}%; publishing ResourceLimitWarning(CPU)",
                        DiskMonitor.round(percent), s.cpuThresholdPercent());
                // CPU in per-mille of all cores, so it fits the whole-number fields
                publisher.publish(new ResourceLimitWarning(ResourceType.CPU, percent, Math.round(load * 1000), 1000,
                        s.cpuThresholdPercent()));
            }
        }
    }
}
