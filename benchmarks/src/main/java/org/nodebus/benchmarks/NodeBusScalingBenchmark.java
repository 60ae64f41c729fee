package org.nodebus.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nodebus.benchmarks.DeliveryBenchmark.Counts;
import org.nodebus.benchmarks.candidates.NodeBusCandidate;
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

/** NodeBus alone: 64 subscribers with large queues, and 1 and 8 subscribers with the default queue of 100 (drop rate). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NodeBusScalingBenchmark {

    @State(Scope.Benchmark)
    public static class Bus {
        @Param({"1:100", "8:100", "64:65536"})
        public String subscribersAndCapacity;

        NodeBusCandidate bus;
        int subscribers;

        @Setup(Level.Trial)
        public void start() throws Exception {
            String[] parts = subscribersAndCapacity.split(":");
            subscribers = Integer.parseInt(parts[0]);
            bus = new NodeBusCandidate(subscribers, Integer.parseInt(parts[1]), null);
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            bus.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(DeliveryBenchmark.BATCH)
    public void publishAndDeliver(Bus s, Counts counts) {
        DeliveryBenchmark.publishBatchAndAwait(s.bus, s.subscribers, counts);
    }
}
