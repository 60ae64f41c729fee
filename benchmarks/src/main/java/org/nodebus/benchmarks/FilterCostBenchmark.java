package org.nodebus.benchmarks;

import java.util.concurrent.TimeUnit;

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

/**
 * What subscribers' filters cost the publisher: 8 subscribers of NewBlock, of which 0, 4 or 8 have a
 * filter, which the publisher evaluates for each event. "match" is {@code (height>=0)}: every event passes,
 * so the deliveries are the same as without a filter and the difference is the evaluation alone; "reject"
 * is {@code (!(height>=0))}: no event passes, so a filtered module costs an evaluation and no enqueue. 100,000
 * publish calls per invocation, timed alone; the deliveries are waited for between invocations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterCostBenchmark {

    @State(Scope.Benchmark)
    public static class Bus {
        @Param({"0", "4", "8"})
        public int filtered;

        @Param({"match", "reject"})
        public String filter;

        NodeBusCandidate bus;

        @Setup(Level.Trial)
        public void start() throws Exception {
            bus = new NodeBusCandidate(8, 65_536, null, filtered, filter.equals("match") ? "(height>=0)" : "(!(height>=0))");
        }

        @TearDown(Level.Invocation)
        public void drain() {
            bus.awaitDrained();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            bus.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(DeliveryBenchmark.BATCH)
    public void publish(Bus s) {
        for (int i = 0; i < DeliveryBenchmark.BATCH; i++) {
            s.bus.publish(i);
        }
    }
}
