package org.nodebus.api.report;

import java.util.Objects;

import org.nodebus.api.event.ModuleHealth;

/**
 * One module's line in a {@link HealthReport}: its health and its delivery statistics when the check ran.
 *
 * @param version the module's bundle version
 * @param health the module's health
 * @param successful events its listeners handled
 * @param failed events its listeners threw on
 * @param channelFull events dropped because its queue was full
 * @param queued events waiting in its queue, and the one being handled
 * @param queueCapacity how many events its queue holds
 * @param droppedSincePrevious events dropped (queue full) since the previous health check
 * @param failedSincePrevious listener failures since the previous health check
 */
public record ModuleReport(String version, ModuleHealth health, long successful, long failed, long channelFull,
        long queued, int queueCapacity, long droppedSincePrevious, long failedSincePrevious) {

    /**
     * @throws NullPointerException if version or health is {@code null}
     * @throws IllegalArgumentException if a count is negative
     */
    public ModuleReport {
        Objects.requireNonNull(version, "ModuleReport.version");
        Objects.requireNonNull(health, "ModuleReport.health");
        long[] counts = {successful, failed, channelFull, queued, queueCapacity, droppedSincePrevious, failedSincePrevious};
        String[] names = {"successful", "failed", "channelFull", "queued", "queueCapacity", "droppedSincePrevious",
            "failedSincePrevious"};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("ModuleReport." + names[i] + " must not be negative but was " + counts[i]);
            }
        }
    }

    /** Whether this module counts toward a healthy node: HEALTHY, and no event dropped since the previous check. */
    public boolean isWell() {
        return health == ModuleHealth.HEALTHY && droppedSincePrevious == 0;
    }
}
