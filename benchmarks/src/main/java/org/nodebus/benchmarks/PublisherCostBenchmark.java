package org.nodebus.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nodebus.benchmarks.candidates.Candidate;
import org.nodebus.benchmarks.candidates.Candidates;
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
 * What one publish call costs the publisher: 100,000 publish calls per invocation, timed alone; the
 * deliveries are waited for between invocations, outside the measurement. "nodebus-hung" has one
 * subscriber stuck in its listener for the whole run; "nodebus-durable" has durable subscribers, each event
 * handed to the journal's writer and read back from the journal.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PublisherCostBenchmark {

    @State(Scope.Benchmark)
    public static class Bus {
        @Param({"nodebus", "nodebus-durable", "nodebus-hung", "eventadmin", "eventadmin-timeout0", "eventadmin-send",
                "eventadmin-send-timeout0", "guava-async", "abq-drop", "mpsc-parked",
                "disruptor-sleeping", "disruptor-blocking"})
        public String candidate;

        @Param({"1", "8"})
        public int subscribers;

        Candidate bus;
        long accounted;

        @Setup(Level.Trial)
        public void start() throws Exception {
            boolean hung = candidate.equals("nodebus-hung");
            bus = Candidates.create(hung ? "nodebus" : candidate, subscribers, 65_536);
            if (hung) {
                bus.hangOne();
            }
        }

        @TearDown(Level.Invocation)
        public void drain() {
            if (bus instanceof NodeBusCandidate nodebus && !candidate.equals("nodebus-durable")) {
                nodebus.awaitDrained();
            } else {
                bus.awaitAccounted(accounted);
            }
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
        s.accounted += (long) DeliveryBenchmark.BATCH * s.subscribers;
    }
}
