package org.nodebus.sample.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.nodebus.api.event.NewBlock;

/**
 * Block files in a data directory: {@code blocks/<height>.blk} holding the block hash. New blocks are
 * buffered and written by {@link #flush()}; {@link #cleanup(int)} deletes files older than an age.
 */
final class BlockStore {
    private final Path blocks;
    private final Clock clock;
    private final List<NewBlock> pending = new ArrayList<>();

    BlockStore(Path dataDir, Clock clock) throws IOException {
        this.blocks = Files.createDirectories(dataDir.resolve("blocks"));
        this.clock = clock;
    }

    synchronized void append(NewBlock block) {
        pending.add(block);
    }

    synchronized int pending() {
        return pending.size();
    }

    /** Writes every buffered block; returns how many. */
    synchronized int flush() throws IOException {
        for (NewBlock block : pending) {
            Path file = blocks.resolve(block.height() + ".blk");
            Files.writeString(file, block.blockHash().toHex() + System.lineSeparator(), StandardCharsets.US_ASCII);
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        }
        int written = pending.size();
        pending.clear();
        return written;
    }

    /** Deletes block files last written more than the given number of days ago; returns how many. */
    synchronized int cleanup(int olderThanDays) throws IOException {
        FileTime limit = FileTime.from(clock.instant().minus(Duration.ofDays(olderThanDays)));
        int deleted = 0;
        try (Stream<Path> files = Files.list(blocks)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).compareTo(limit) < 0) {
                    Files.delete(file);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    long files() throws IOException {
        try (Stream<Path> files = Files.list(blocks)) {
            return files.count();
        }
    }
}
