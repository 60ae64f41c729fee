package org.nodebus.janitor.monitor;

/**
 * Fires once when a measurement crosses its threshold, then stays quiet until the measurement has come
 * back past the threshold by the hysteresis margin: one event per crossing, not one per poll.
 */
public final class ThresholdAlarm {
    private final boolean above;
    private volatile double threshold;
    private volatile double hysteresis;
    private boolean armed = true;

    private ThresholdAlarm(boolean above, double threshold, double hysteresis) {
        this.above = above;
        this.threshold = threshold;
        this.hysteresis = hysteresis;
    }

    /** Fires when the value rises to or above the threshold. */
    public static ThresholdAlarm above(double threshold, double hysteresis) {
        return new ThresholdAlarm(true, threshold, hysteresis);
    }

    /** Fires when the value falls below the threshold. */
    public static ThresholdAlarm below(double threshold, double hysteresis) {
        return new ThresholdAlarm(false, threshold, hysteresis);
    }

    public void set(double newThreshold, double newHysteresis) {
        threshold = newThreshold;
        hysteresis = newHysteresis;
    }

    public double threshold() {
        return threshold;
    }

    /** @return whether this measurement crosses the threshold (and so should be reported) */
    public synchronized boolean update(double value) {
        boolean crossed = above ? value >= threshold : value < threshold;
        boolean recovered = above ? value < threshold - hysteresis : value >= threshold + hysteresis;
        if (armed && crossed) {
            armed = false;
            return true;
        }
        if (!armed && recovered) {
            armed = true;
        }
        return false;
    }
}
