package org.nodebus.eventmanager.spi;

import java.util.concurrent.TimeUnit;

/**
 * Time a module's listeners took per event, from the delivery thread's clock around each delivery (all of
 * the module's listeners that wanted the event). Running totals: they never go back, not on a reset either.
 *
 * @param events deliveries timed
 * @param totalNanos their summed duration
 * @param recentMaxNanos the longest single delivery in the last one to two minutes (0 if none)
 */
public record ListenerTime(long events, long totalNanos, long recentMaxNanos) {

    /** No delivery timed yet. */
    public static final ListenerTime NONE = new ListenerTime(0, 0, 0);

    /**
     * The summed duration in seconds.
     *
     * @return {@code totalNanos} in seconds
     */
    public double totalSeconds() {
        return totalNanos / (double) TimeUnit.SECONDS.toNanos(1);
    }

    /**
     * The recent maximum in seconds.
     *
     * @return {@code recentMaxNanos} in seconds
     */
    public double recentMaxSeconds() {
        return recentMaxNanos / (double) TimeUnit.SECONDS.toNanos(1);
    }
}
