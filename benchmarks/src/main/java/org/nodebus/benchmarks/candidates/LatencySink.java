package org.nodebus.benchmarks.candidates;

/**
 * Told of each delivery when a benchmark measures latency: the value the event was published with (for
 * {@link Candidate#publish(long)}), on the subscriber's own thread, at the entry of its handler.
 */
@FunctionalInterface
public interface LatencySink {
    /**
     * @param subscriber the subscriber's index, from 0
     * @param value what the event was published with
     */
    void delivered(int subscriber, long value);
}
