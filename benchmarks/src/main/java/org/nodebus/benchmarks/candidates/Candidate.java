package org.nodebus.benchmarks.candidates;

/**
 * An event bus under test: N subscribers whose handler increments a counter. Deliveries and drops are
 * counted so a benchmark can wait until every offered delivery is accounted for.
 */
public interface Candidate extends AutoCloseable {

    /** Publishes one event. */
    void publish(long i);

    /** Deliveries handled by all subscribers so far. */
    long delivered();

    /** Deliveries dropped (full queues) so far; 0 for unbounded buses. */
    long dropped();

    /** Makes one subscriber hang until {@link #close()} (for the hung-subscriber case). */
    default void hangOne() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no hung-subscriber case");
    }

    /** How long {@link #awaitAccounted(long)} waits for the last delivery before it calls the rest lost. */
    long ACCOUNTING_DEADLINE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

    /**
     * Waits until delivered + dropped reaches the target.
     *
     * @throws IllegalStateException if the bus has not accounted for every delivery within a minute: it lost
     *         some, and the iteration fails instead of hanging the whole run
     */
    default void awaitAccounted(long target) {
        long deadline = System.nanoTime() + ACCOUNTING_DEADLINE_NANOS;
        long accounted;
        while ((accounted = delivered() + dropped()) < target) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(getClass().getSimpleName() + " lost " + (target - accounted)
                        + " deliveries: neither handled nor dropped one minute after they were published");
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(10_000);
        }
    }
}
