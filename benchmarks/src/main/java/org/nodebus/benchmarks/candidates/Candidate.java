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

    /** Waits until delivered + dropped reaches the target. */
    default void awaitAccounted(long target) {
        while (delivered() + dropped() < target) {
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(10_000);
        }
    }
}
