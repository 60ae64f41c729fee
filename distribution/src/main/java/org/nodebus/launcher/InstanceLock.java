package org.nodebus.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One node per folder: the node holds a lock on {@code nodebus.pid} for as long as it runs, with its
 * process id in the file. A second node started in the same folder finds the lock taken and is refused
 * at once, naming the running node's process id, instead of sharing and wiping its bundle cache. The
 * operating system releases the lock when the process ends, however it ends; the file stays, with the
 * id of a process that is gone, which neither blocks a start nor counts as running.
 */
final class InstanceLock {
    static final String FILE = "nodebus.pid";

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Whether the lock is still held (it is, until the process ends). */
    boolean held() {
        return lock.isValid() && channel.isOpen();
    }

    /**
     * @param folder the node's folder
     * @return the lock, or empty if another process holds it
     */
    static Optional<InstanceLock> acquire(Path folder) throws IOException {
        FileChannel channel = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return Optional.of(new InstanceLock(channel, lock));
    }

    /** The process id the holder wrote, as text, or "unknown". */
    static String holder(Path folder) {
        try {
            String pid = Files.readString(folder.resolve(FILE), StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "unknown" : pid;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
