package org.nodebus.benchmarks.journal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.nodebus.eventmanager.journal.Journal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Recovery after SIGKILL: a child JVM ({@link Flood}) floods a store until {@code events} are durable and
 * goes on writing; it is then killed with SIGKILL in the middle of a write. The measured operation opens
 * what it left, as the node does at start, and reads the last batch. "journal" is the EventManager's
 * journal itself (MVStore, its batch index, the positions and the sequence mark); "rocksdb" is RocksDB
 * with the same batches. Run it single-shot:
 * {@code java -jar benchmarks.jar RecoveryBenchmark -f 1 -wi 0 -i 1 -bm ss}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RecoveryBenchmark {

    @State(Scope.Benchmark)
    public static class Killed {
        @Param({"journal", "rocksdb"})
        public String store;

        @Param({"10000000"})
        public long events;

        Path dir;

        @Setup(Level.Trial)
        public void floodAndKill() throws Exception {
            dir = Files.createTempDirectory("nodebus-recovery-bench");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process flood = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    Flood.class.getName(), store, dir.toString(), Long.toString(events)).redirectErrorStream(true)
                    .start();
            long started = System.nanoTime();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(flood.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("READY")) {
                    System.out.println("# flood: " + line);
                }
                if (line == null) {
                    throw new IllegalStateException("the flood ended before it was ready");
                }
                Thread.sleep(200); // well into the next writes
                flood.destroyForcibly(); // SIGKILL
                flood.waitFor();
            }
            System.out.printf("# %s: %,d events written in %,d ms, killed; %,d bytes on disk%n", store, events,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Store.size(dir));
        }

        @TearDown(Level.Trial)
        public void delete() throws Exception {
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long recover(Killed k) throws Exception {
        if (k.store.equals("journal")) {
            try (Journal journal = Journal.open(k.dir, new Journal.Retention(64L << 30, TimeUnit.DAYS.toMillis(7)),
                    1 << 16)) {
                long committed = journal.committed();
                journal.batchAfter(committed - 1).orElseThrow(); // the last batch reads back
                System.out.printf("# journal recovered: %,d events kept, up to #%,d, sequence goes on from %,d%n",
                        journal.retainedEvents(), committed, journal.restoredSequence());
                return committed;
            }
        }
        try (Store s = Store.open(k.store, k.dir)) {
            long last = s.last();
            System.out.printf("# %s recovered: last batch #%,d%n", k.store, last);
            return last;
        }
    }
}
