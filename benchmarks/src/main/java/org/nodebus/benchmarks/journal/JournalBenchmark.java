package org.nodebus.benchmarks.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.eventmanager.journal.Journal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The EventManager's journal as it runs for durable subscriptions: one producer (the publish lock's holder)
 * hands over 100,000 NewBlock events per invocation and the invocation ends when the writer has committed
 * the last of them to its MVStore file. The score is events committed per second, the disk included.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalBenchmark {
    static final int BATCH = 100_000;

    @State(Scope.Benchmark)
    public static class Bench {
        Path dir;
        Journal journal;
        Event[] events = new Event[1024];
        long sequence;

        @Setup(Level.Trial)
        public void open() throws Exception {
            dir = Files.createTempDirectory("nodebus-journal-bench");
            journal = Journal.open(dir, new Journal.Retention(8L << 30, TimeUnit.DAYS.toMillis(7)), 1 << 16);
            journal.register(new Journal.Durable("bench", "d", Set.of(EventType.NEW_BLOCK), Optional.empty()));
            for (int i = 0; i < events.length; i++) {
                byte[] hash = new byte[32];
                hash[0] = (byte) i;
                events[i] = new Event(0, Instant.now(), "bench.publisher", new NewBlock(Hash32.of(hash), i), false, 0);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            journal.close();
            System.out.printf("# journal file %,d bytes for %,d events kept%n", Files.size(journal.file()),
                    journal.retainedEvents());
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void journal(Bench b) {
        for (int i = 0; i < BATCH; i++) {
            Event template = b.events[i & 1023];
            Event e = new Event(++b.sequence, template.timestamp(), template.publisher(), template.payload(), false, 0);
            while (!b.journal.offer(() -> e, EventType.NEW_BLOCK)) {
                Thread.onSpinWait(); // a full ring: here the producer waits, to measure what the writer sustains
            }
        }
        while (b.journal.committed() < b.sequence) {
            Thread.onSpinWait();
        }
    }
}
