package org.nodebus.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.benchmarks.osgi.EmbeddedFramework;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.nodebus.eventmanager.delivery.DeliveryCore;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 10,000 modules subscribed and idle: heap per module and delivery threads, measured on the delivery
 * core with the default configuration (one bounded queue and serial executor per module). The score is
 * the time to subscribe them all and deliver one event to each; the counters carry the footprint.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class IdleModulesBenchmark {
    static final int MODULES = 10_000;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        public long heapBytesPerModule;
        public long deliveryThreads;
        public long jvmThreadsAdded;

        @Setup(Level.Iteration)
        public void clear() {
            heapBytesPerModule = 0;
            deliveryThreads = 0;
            jvmThreadsAdded = 0;
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Benchmark
    public void tenThousandIdleModules(Footprint footprint) {
        int threadsBefore = Thread.activeCount();
        long before = usedHeapAfterGc();
        DeliveryCore core = new DeliveryCore(DeliverySettings.defaults());
        LongAdder delivered = new LongAdder();
        for (int i = 0; i < MODULES; i++) {
            core.subscribe("module." + i, i, Set.of(EventType.NEW_BLOCK), e -> delivered.increment());
        }
        core.publish("bench", new NewBlock(Hash32.of(new byte[32]), 1));
        EmbeddedFramework.await(() -> delivered.sum() == MODULES);
        long after = usedHeapAfterGc();
        footprint.heapBytesPerModule = (after - before) / MODULES;
        footprint.deliveryThreads = core.deliveryThreads();
        footprint.jvmThreadsAdded = Thread.activeCount() - threadsBefore;
        core.close();
    }
}
