package org.nodebus.benchmarks.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;


import java.util.stream.Stream;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/** A journal store candidate: batches of encoded events by their first sequence number. */
interface Store extends AutoCloseable {

    /** Writes a batch and makes it survive a killed process before returning. */
    void append(long firstSequence, byte[] batch) throws Exception;

    /** The key of the last batch, as recovery finds it, or -1. */
    long last() throws Exception;

    @Override
    void close() throws Exception;

    static Store open(String name, Path dir) throws Exception {
        return switch (name) {
            case "mvstore" -> new MvStore(dir);
            case "rocksdb" -> new Rocks(dir);
            default -> throw new IllegalArgumentException("unknown store '" + name + "'; use mvstore or rocksdb");
        };
    }

    /** A batch as the journal encodes it (a count, then per event its length and fields), here by hand. */
    static byte[] batch(int events, long firstSequence) {
        ByteBuffer out = ByteBuffer.allocate(5 + events * 100);
        out.put((byte) 1).putInt(events);
        NewBlock block = new NewBlock(Hash32.of(new byte[32]), 1);
        for (int i = 0; i < events; i++) {
            int start = out.position();
            out.putInt(0).putLong(firstSequence + i).putLong(Instant.now().toEpochMilli());
            out.putInt(15).put("bench.publisher".getBytes()).putInt(9).put("NEW_BLOCK".getBytes());
            out.put(block.blockHash().bytes()).putLong(block.height() + i);
            out.putInt(start, out.position() - start - 4);
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** H2's MVStore, as the journal uses it: one map, a commit per batch. */
    final class MvStore implements Store {
        private final MVStore store;
        private final MVMap<Long, byte[]> map;

        MvStore(Path dir) {
            // as the journal opens it: a 4 MB cache, freed chunks reused after a second
            store = new MVStore.Builder().fileName(dir.resolve("journal.mv.db").toString()).autoCommitDisabled()
                    .cacheSize(4).open();
            store.setRetentionTime(1_000);
            map = store.openMap("events");
        }

        @Override
        public void append(long firstSequence, byte[] batch) {
            map.put(firstSequence, batch);
            store.commit();
        }

        @Override
        public long last() {
            Long last = map.isEmpty() ? null : map.lastKey();
            if (last == null) {
                return -1;
            }
            map.get(last);
            return last;
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** RocksDB (native, through JNI): a put per batch through its write-ahead log, without fsync. */
    final class Rocks implements Store {
        static {
            RocksDB.loadLibrary();
        }

        private final Options options = new Options().setCreateIfMissing(true);
        private final WriteOptions write = new WriteOptions().setSync(false);
        private final RocksDB db;

        Rocks(Path dir) throws RocksDBException {
            db = RocksDB.open(options, dir.toString());
        }

        @Override
        public void append(long firstSequence, byte[] batch) throws RocksDBException {
            db.put(write, ByteBuffer.allocate(8).putLong(firstSequence).array(), batch);
        }

        @Override
        public long last() {
            try (RocksIterator it = db.newIterator()) {
                it.seekToLast();
                if (!it.isValid()) {
                    return -1;
                }
                it.value();
                return ByteBuffer.wrap(it.key()).getLong();
            }
        }

        @Override
        public void close() {
            db.close();
            write.close();
            options.close();
        }
    }

}
