package org.nodebus.api;

/**
 * Delivery statistics of one module since it first subscribed (they stay while its bundle is installed,
 * across stops and new subscriptions) or since its last reset. At every quiet moment the events offered
 * to the module equal {@code successful + failed + channelFull + queued}; after a reset, what was queued at
 * the reset counts as offered.
 *
 * @param successful events its listener handled without throwing
 * @param failed events whose listener threw, and events still queued when the module went away
 * @param channelFull events dropped because its queue was full
 * @param queued events offered to it and not yet handled, failed or dropped: those waiting in its queue and
 *        the one its listener is handling now
 * @param filtered events of its types that matched none of its listeners' filters: they were never offered to
 *        it and took no place in its queue (since 1.2)
 */
public record DeliveryStats(long successful, long failed, long channelFull, int queued, long filtered) {

    /** No deliveries at all. */
    public static final DeliveryStats ZERO = new DeliveryStats(0, 0, 0, 0, 0);

    /**
     * Statistics of a module that filters nothing.
     *
     * @param successful events handled
     * @param failed events failed
     * @param channelFull events dropped for a full queue
     * @param queued events queued
     */
    public DeliveryStats(long successful, long failed, long channelFull, int queued) {
        this(successful, failed, channelFull, queued, 0);
    }

    /**
     * Checks that no count is negative.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public DeliveryStats {
        if (successful < 0 || failed < 0 || channelFull < 0 || queued < 0 || filtered < 0) {
            throw new IllegalArgumentException("DeliveryStats counts must be >= 0 but were successful="
                    + successful + ", failed=" + failed + ", channelFull=" + channelFull + ", queued=" + queued
                    + ", filtered=" + filtered);
        }
    }

    /**
     * All events offered to the module.
     *
     * @return {@code successful + failed + channelFull + queued}
     */
    public long offered() {
        return successful + failed + channelFull + queued;
    }
}
