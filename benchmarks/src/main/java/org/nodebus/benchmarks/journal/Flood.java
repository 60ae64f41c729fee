package org.nodebus.benchmarks.journal;

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

/**
 * The process {@link RecoveryBenchmark} kills: it writes events into a store as fast as it can, prints
 * {@code READY} once the given number is durable, and goes on writing until it is killed.
 */
public final class Flood {
    private Flood() {
    }

    /** @param args the store ({@code journal} or {@code rocksdb}), the folder, the events before READY */
    public static void main(String[] args) throws Exception {
        String store = args[0];
        Path dir = Path.of(args[1]);
        long ready = Long.parseLong(args[2]);
        if (store.equals("journal")) {
            journal(dir, ready);
        } else {
            try (Store s = Store.open(store, dir)) {
                byte[] batch = Store.batch(StoreBenchmark.EVENTS_PER_BATCH, 0);
                boolean told = false;
                for (long key = 1; ; key += StoreBenchmark.EVENTS_PER_BATCH) {
                    s.append(key, batch);
                    if (!told && key + StoreBenchmark.EVENTS_PER_BATCH > ready) {
                        System.out.println("READY");
                        System.out.flush();
                        told = true;
                    }
                }
            }
        }
    }

    private static void journal(Path dir, long ready) throws Exception {
        Journal journal = Journal.open(dir, new Journal.Retention(64L << 30, TimeUnit.DAYS.toMillis(7)), 1 << 16);
        journal.register(new Journal.Durable("bench", "d", Set.of(EventType.NEW_BLOCK), Optional.empty()));
        NewBlock block = new NewBlock(Hash32.of(new byte[32]), 1);
        Instant now = Instant.now();
        boolean told = false;
        for (long seq = journal.restoredSequence() + 1; ; seq++) {
            Event e = new Event(seq, now, "bench.publisher", block, false, 0);
            while (!journal.offer(() -> e, EventType.NEW_BLOCK)) {
                Thread.onSpinWait();
            }
            journal.markSequence(seq);
            if (!told && journal.committed() >= ready) {
                System.out.println("READY");
                System.out.flush();
                told = true;
            }
        }
    }
}
