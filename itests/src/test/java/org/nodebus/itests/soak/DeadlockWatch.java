package org.nodebus.itests.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Asks the JVM for deadlocked threads twice a second while the soak runs, and keeps what it finds. */
public final class DeadlockWatch implements AutoCloseable {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<String> found = new CopyOnWriteArrayList<>();
    private final AtomicLong checks = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-deadlock-watch");
        t.setDaemon(true);
        return t;
    });

    public DeadlockWatch() {
        timer.scheduleAtFixedRate(this::check, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void check() {
        checks.incrementAndGet();
        long[] ids = threads.findDeadlockedThreads();
        if (ids != null && found.isEmpty()) {
            List<String> described = new ArrayList<>();
            for (ThreadInfo info : threads.getThreadInfo(ids, true, true)) {
                described.add(info.getThreadName() + " waits for " + info.getLockName() + " held by "
                        + info.getLockOwnerName());
            }
            found.addAll(described);
        }
    }

    /** The deadlocked threads found, each with the lock it waits for; empty if none. */
    public List<String> found() {
        return List.copyOf(found);
    }

    public long checks() {
        return checks.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        check(); // one last look after the run
    }
}
