package org.nodebus.eventmanager.delivery;

/**
 * Lets one log line through per interval and counts the occasions it held back, so a module dropping or
 * failing on every event cannot flood the log. One writer at a time: a module's drops happen under the
 * publish lock, its failures on its executor, which runs one turn at a time.
 */
final class LogInterval {
    private final long intervalNanos;
    private long last;
    private long heldBack;

    LogInterval(long intervalNanos, long now) {
        this.intervalNanos = intervalNanos;
        this.last = now - intervalNanos;
    }

    /**
     * @param now nanoTime, coarse or not
     * @return -1 to stay quiet, else how many occasions were held back since the previous line
     */
    long tryLine(long now) {
        if (now - last < intervalNanos) {
            heldBack++;
            return -1;
        }
        last = now;
        long held = heldBack;
        heldBack = 0;
        return held;
    }
}
