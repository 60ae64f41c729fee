package org.nodebus.eventmanager.spi;

import java.util.concurrent.TimeUnit;

/**
 * Time a module's listeners took, from the delivery thread's clock (all of the module's listeners that
 * wanted an event count as one delivery). The clock is not read per delivery: runs of deliveries are timed
 * end to end, so the count and total are exact once a run ends; the maximum is taken over the deliveries
 * timed singly, which are the first of each run, one in 16 after it, and every delivery that outlasted one
 * period of the delivery watchdog (1-10 ms), so a long call is never missed (it may read up to one period
 * long). Running totals: they never go back, not on a reset.
 *
 * @param events deliveries ended
 * @param totalNanos the time the module's deliveries took together
 * @param recentMaxNanos the longest delivery timed in the last one to two minutes (0 if none)
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
