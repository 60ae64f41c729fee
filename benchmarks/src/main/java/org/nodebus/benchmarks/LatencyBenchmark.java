package org.nodebus.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.nodebus.benchmarks.candidates.Candidate;
import org.nodebus.benchmarks.candidates.Candidates;
import org.nodebus.benchmarks.candidates.LatencySink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Publish-to-listener latency: the time from an event's publication to the entry of each subscriber's
 * handler, recorded in an HdrHistogram per subscriber, at a steady rate or at saturation.
 *
 * <p>Each invocation publishes for one second. At a steady rate the k-th event is due at {@code start +
 * k / rate}; the publisher waits for that moment (parking for long gaps, yielding for short ones) and stamps
 * the event with it, not with the moment it got round to publishing: a publisher held up by the bus makes
 * the events behind it late, and that lateness counts (no coordinated omission). At saturation ({@code
 * rate=0}) the publisher publishes as fast as it can and stamps each event with the moment of its call. The
 * invocation then waits until every delivery is handled or dropped. Dropped events have no latency; their
 * count is printed with the percentiles.
 *
 * <p>The score (seconds per invocation) says little; the result is the line {@code LATENCY ...} printed at
 * the end of each trial: count, drops, achieved rate, and p50, p99, p99.9 and max in microseconds over all
 * subscribers' deliveries in the measurement iterations, the worst subscriber's p99, and the p99 of how late
 * the publisher itself got round to publishing (at a steady rate): latency up to that is the load
 * generator's, on a machine whose cores the bus's threads share with it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class LatencyBenchmark {
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A wait longer than this parks, and wakes this much early (the timer's slack) to yield the rest. */
    private static final long PARK_SLACK_NANOS = TimeUnit.MICROSECONDS.toNanos(80);
    /**
     * Felix EventAdmin delivers 60-200 thousand events per second here: at a higher rate or at saturation its
     * unbounded queue would hold millions of events and one invocation would take minutes, so it runs only up
     * to this rate and says so for the others.
     */
    static final long EVENTADMIN_MAX_RATE = 100_000;

    @State(Scope.Benchmark)
    public static class Bus {
        @Param({"nodebus", "mpsc-parked", "disruptor-blocking", "disruptor-sleeping", "eventadmin"})
        public String candidate;

        @Param({"1", "8"})
        public int subscribers;

        /** Events per second; 0 for as fast as the publisher can. */
        @Param({"10000", "100000", "1000000", "0"})
        public long rate;

        Candidate bus;
        Recorder[] recorders;
        final Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        /** How late the publisher published events against their due moments (the load generator's own lag). */
        final Histogram publisherLate = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram[] perSubscriber;
        /** Stamps are nanoTime minus this, so never negative (a block height may not be). */
        final long epoch = System.nanoTime();
        long accounted;
        long drops;
        long published;
        long publishNanos;

        /** A combination this candidate cannot run in reasonable time (see EVENTADMIN_MAX_RATE). */
        boolean skipped;

        @Setup(Level.Trial)
        public void start() throws Exception {
            skipped = candidate.startsWith("eventadmin") && (rate == 0 || rate > EVENTADMIN_MAX_RATE);
            recorders = new Recorder[subscribers];
            perSubscriber = new Histogram[subscribers];
            for (int s = 0; s < subscribers; s++) {
                recorders[s] = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
                perSubscriber[s] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            }
            LatencySink sink = (subscriber, stamp) -> {
                long latency = System.nanoTime() - epoch - stamp;
                recorders[subscriber].recordValue(Math.max(0, Math.min(latency, TimeUnit.SECONDS.toNanos(60))));
            };
            bus = skipped ? null : Candidates.create(candidate, subscribers, 65_536, 1, sink);
        }

        @Setup(Level.Iteration)
        public void clear() {
            if (skipped) {
                return;
            }
            for (Recorder recorder : recorders) {
                recorder.reset();
            }
        }

        /** After the invocation accounted for every delivery: the iteration's latencies, if it was measured. */
        @TearDown(Level.Iteration)
        public void collect(IterationParams params) {
            if (skipped) {
                return;
            }
            boolean measured = params.getType() == IterationType.MEASUREMENT;
            for (int s = 0; s < subscribers; s++) {
                Histogram interval = recorders[s].getIntervalHistogram();
                if (measured) {
                    perSubscriber[s].add(interval);
                    total.add(interval);
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            if (skipped) {
                System.out.printf("%nLATENCY candidate=%s subscribers=%d rate=%s skipped: EventAdmin runs only up to "
                        + "%d events/s (its unbounded queue would hold millions of events)%n", candidate, subscribers,
                        rate == 0 ? "saturation" : Long.toString(rate), EVENTADMIN_MAX_RATE);
                return;
            }
            bus.close();
            double worstP99 = 0;
            for (Histogram h : perSubscriber) {
                worstP99 = Math.max(worstP99, h.getValueAtPercentile(99));
            }
            System.out.printf("%nLATENCY candidate=%s subscribers=%d rate=%s deliveries=%d drops=%d achieved=%.0f/s "
                    + "p50=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus worst-subscriber-p99=%.1fus "
                    + "publisher-late-p99=%.1fus%n", candidate,
                    subscribers, rate == 0 ? "saturation" : Long.toString(rate), total.getTotalCount(), drops,
                    published * 1e9 / Math.max(1, publishNanos), micros(total.getValueAtPercentile(50)),
                    micros(total.getValueAtPercentile(99)), micros(total.getValueAtPercentile(99.9)),
                    micros(total.getMaxValue()), micros(worstP99), micros(publisherLate.getValueAtPercentile(99)));
        }

        private static double micros(double nanos) {
            return nanos / 1000.0;
        }
    }

    @Benchmark
    public void publishForOneSecond(Bus s, IterationParams params) {
        if (s.skipped) {
            return;
        }
        Candidate bus = s.bus;
        long dropsBefore = bus.dropped();
        long start = System.nanoTime();
        long count = 0;
        Histogram late = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        if (s.rate == 0) {
            long now;
            while ((now = System.nanoTime()) - start < RUN_NANOS) {
                bus.publish(now - s.epoch);
                count++;
            }
        } else {
            long period = TimeUnit.SECONDS.toNanos(1) / s.rate;
            long events = RUN_NANOS / period;
            for (long k = 0; k < events; k++) {
                long due = start + k * period;
                late.recordValue(Math.min(Math.max(0, awaitMoment(due)), TimeUnit.SECONDS.toNanos(60)));
                bus.publish(due - s.epoch);
            }
            count = events;
        }
        long took = System.nanoTime() - start;
        if (params.getType() == IterationType.MEASUREMENT) {
            s.publisherLate.add(late);
        }
        s.accounted += count * s.subscribers;
        bus.awaitAccounted(s.accounted);
        if (params.getType() == IterationType.MEASUREMENT) {
            s.published += count;
            s.publishNanos += took;
            s.drops += bus.dropped() - dropsBefore;
        }
    }

    /** @return how late it is when it returns: the nanoseconds past the due moment */
    private static long awaitMoment(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            if (wait > PARK_SLACK_NANOS) {
                LockSupport.parkNanos(wait - PARK_SLACK_NANOS);
            } else {
                Thread.yield();
            }
        }
        return -wait;
    }
}
