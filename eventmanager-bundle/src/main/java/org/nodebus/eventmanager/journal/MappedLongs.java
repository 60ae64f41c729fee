package org.nodebus.eventmanager.journal;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A few longs in a memory-mapped file: a store into it is a store into the operating system's page cache, so
 * it survives the process being killed (SIGKILL) at once and costs no system call. (A power cut may lose the
 * latest stores; the journal promises what survives a killed process.)
 *
 * <p>A record is written twice, in two slots used in turn, each with a check value: a kill between two
 * stores leaves the other slot whole, and reading takes the valid slot written last.
 */
public final class MappedLongs implements AutoCloseable {
    private static final long MAGIC = 0x4e6f646542757321L; // "NodeBus!"
    private final FileChannel channel;
    private final MappedByteBuffer buffer;
    private final int width;
    private long writes;

    /**
     * @param width longs in a record
     */
    MappedLongs(Path file, int width) throws IOException {
        this.width = width;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, slotBytes() * 2L);
        long[] a = slot(0);
        long[] b = slot(1);
        writes = a != null && (b == null || a[width] >= b[width]) ? a[width] + 1 : b != null ? b[width] + 1 : 0;
    }

    private int slotBytes() {
        return (width + 2) * Long.BYTES; // the values, a write count, a check
    }

    /** The values of a slot and its write count after them, or null if the slot is not whole. */
    private long[] slot(int index) {
        int at = index * slotBytes();
        long[] values = new long[width + 1];
        long check = MAGIC;
        for (int i = 0; i <= width; i++) {
            values[i] = buffer.getLong(at + i * Long.BYTES);
            check = check * 31 + values[i];
        }
        long stored = buffer.getLong(at + (width + 1) * Long.BYTES);
        return stored == check && stored != 0 ? values : null;
    }

    /** The record written last, or zeros if none was. */
    public long[] read() {
        long[] a = slot(0);
        long[] b = slot(1);
        long[] last = a == null ? b : b == null ? a : a[width] >= b[width] ? a : b;
        return last == null ? new long[width] : java.util.Arrays.copyOf(last, width);
    }

    /** Writes a record; one thread at a time. */
    public void write(long... values) {
        int at = (int) (writes & 1) * slotBytes();
        long check = MAGIC;
        for (int i = 0; i < width; i++) {
            buffer.putLong(at + i * Long.BYTES, values[i]);
            check = check * 31 + values[i];
        }
        buffer.putLong(at + width * Long.BYTES, writes);
        check = check * 31 + writes;
        buffer.putLong(at + (width + 1) * Long.BYTES, check);
        writes++;
    }

    @Override
    public void close() throws IOException {
        channel.close(); // the mapping stays until the buffer is collected; its stores are in the file already
    }
}
