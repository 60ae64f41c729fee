package org.nodebus.janitor.monitor;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.nodebus.janitor.probe.CpuProbe;
import org.nodebus.janitor.probe.DiskProbe;
import org.nodebus.janitor.probe.DiskUsage;
import org.nodebus.janitor.probe.MemoryProbe;

/** The built-in probes: the FileStore of the data directory and the JVM's JMX figures. */
public final class SystemProbes {
    private SystemProbes() {
    }

    /** Free and total space of the directory's FileStore. */
    public static final DiskProbe DISK = directory -> {
        FileStore store = Files.getFileStore(directory);
        return new DiskUsage(store.getUsableSpace(), store.getTotalSpace());
    };

    /** Heap use from the MemoryMXBean. */
    public static final MemoryProbe MEMORY = new MemoryProbe() {
        @Override
        public long usedBytes() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        @Override
        public long maxBytes() {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            return heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        }
    };

    /** ProcessCpuLoad of the platform OperatingSystem MBean, read by name so no com.sun package is needed. */
    public static final CpuProbe CPU = () -> {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object load = server.getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuLoad");
            return load instanceof Number n ? n.doubleValue() : -1;
        } catch (Exception e) {
            return -1;
        }
    };
}
