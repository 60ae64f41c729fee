package org.nodebus.benchmarks.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
 * The two embedded stores compared for the journal, written the way the journal writes: one entry per
 * batch of 1,000 encoded events (about 80 bytes each) under the batch's first sequence number, made
 * durable against a killed process before the next (MVStore: {@code commit()}; RocksDB: a put through its
 * write-ahead log, no fsync, which survives a killed process too). The score is events per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreBenchmark {
    static final int EVENTS_PER_BATCH = 1_000;

    @State(Scope.Benchmark)
    public static class Bench {
        @Param({"mvstore", "rocksdb"})
        public String store;

        Path dir;
        Store target;
        byte[] batch;
        long key;

        @Setup(Level.Trial)
        public void open() throws Exception {
            dir = Files.createTempDirectory("nodebus-store-bench");
            target = Store.open(store, dir);
            batch = Store.batch(EVENTS_PER_BATCH, 0);
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            target.close();
            System.out.printf("# %s: %,d bytes on disk%n", store, Store.size(dir));
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_BATCH)
    public void append(Bench b) throws Exception {
        b.target.append(b.key, b.batch);
        b.key += EVENTS_PER_BATCH;
    }
}
