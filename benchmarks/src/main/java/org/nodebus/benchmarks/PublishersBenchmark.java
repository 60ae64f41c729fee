package org.nodebus.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.nodebus.benchmarks.candidates.Candidate;
import org.nodebus.benchmarks.candidates.Candidates;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * One publishing thread against two, on the same bus: each invocation publishes 100,000 events from its
 * thread and waits until every event published so far (by either thread) is handled or dropped. The score is
 * events published per second by all threads together; at the end of each trial a line
 * {@code # publish call: N ns} gives the average time of one publish call as its thread saw it, over the
 * measurement iterations (two clock reads per 100,000 calls).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PublishersBenchmark {

    @State(Scope.Benchmark)
    public static class Bus {
        @Param({"nodebus", "mpsc-parked", "disruptor-blocking"})
        public String candidate;

        @Param({"1", "8"})
        public int subscribers;

        Candidate bus;
        /** Deliveries of every event published so far, by any thread. */
        final AtomicLong expected = new AtomicLong();
        final LongAdder callNanos = new LongAdder();
        final LongAdder calls = new LongAdder();
        volatile boolean measuring;

        @Setup(Level.Trial)
        public void start(BenchmarkParams params) throws Exception {
            bus = Candidates.create(candidate, subscribers, 65_536, params.getThreads(), null);
        }

        @Setup(Level.Iteration)
        public void iteration(IterationParams params) {
            measuring = params.getType() == IterationType.MEASUREMENT;
        }

        @TearDown(Level.Trial)
        public void stop(BenchmarkParams params) throws Exception {
            bus.close();
            System.out.printf("%n# publish call: %.1f ns (%d publishing threads, %,d calls measured)%n",
                    (double) callNanos.sum() / Math.max(1, calls.sum()), params.getThreads(), calls.sum());
        }
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(DeliveryBenchmark.BATCH)
    public void onePublisher(Bus s) {
        publishBatchAndAwait(s);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(DeliveryBenchmark.BATCH)
    public void twoPublishers(Bus s) {
        publishBatchAndAwait(s);
    }

    private static void publishBatchAndAwait(Bus s) {
        Candidate bus = s.bus;
        long start = System.nanoTime();
        for (int i = 0; i < DeliveryBenchmark.BATCH; i++) {
            bus.publish(i);
        }
        long took = System.nanoTime() - start;
        if (s.measuring) {
            s.callNanos.add(took);
            s.calls.add(DeliveryBenchmark.BATCH);
        }
        bus.awaitAccounted(s.expected.addAndGet((long) DeliveryBenchmark.BATCH * s.subscribers));
    }
}
