package org.nodebus.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nodebus.benchmarks.candidates.Candidate;
import org.nodebus.benchmarks.candidates.Candidates;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Sustained delivery: each invocation publishes 100,000 events and waits until every delivery is
 * handled or dropped. The score is events published per second; the {@code deliveries} and
 * {@code drops} counters are per second too (deliveries = events x subscribers - drops).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeliveryBenchmark {
    static final int BATCH = 100_000;

    @State(Scope.Benchmark)
    public static class Bus {
        @Param({"nodebus", "eventadmin", "eventadmin-timeout0", "eventadmin-send",
                "eventadmin-send-timeout0", "guava-async", "abq-drop", "mpsc-parked",
                "disruptor-sleeping", "disruptor-blocking"})
        public String candidate;

        @Param({"1", "8"})
        public int subscribers;

        @Param({"65536"})
        public int capacity;

        Candidate bus;

        @Setup(Level.Trial)
        public void start() throws Exception {
            bus = Candidates.create(candidate, subscribers, capacity);
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            bus.close();
        }
    }

    /** Reported next to the score, as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long deliveries;
        public long drops;

        @Setup(Level.Iteration)
        public void clear() {
            deliveries = 0;
            drops = 0;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publishAndDeliver(Bus s, Counts counts) {
        publishBatchAndAwait(s.bus, s.subscribers, counts);
    }

    /** Publishes one batch, waits until every delivery is handled or dropped, and adds to the counters. */
    static void publishBatchAndAwait(Candidate bus, int subscribers, Counts counts) {
        long delivered = bus.delivered();
        long dropped = bus.dropped();
        for (int i = 0; i < BATCH; i++) {
            bus.publish(i);
        }
        bus.awaitAccounted(delivered + dropped + (long) BATCH * subscribers);
        counts.deliveries += bus.delivered() - delivered;
        counts.drops += bus.dropped() - dropped;
    }
}
