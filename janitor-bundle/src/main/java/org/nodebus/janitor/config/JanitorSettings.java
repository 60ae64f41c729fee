package org.nodebus.janitor.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The janitor's configuration (PID {@code org.nodebus.janitor}), validated and typed; made by
 * {@link JanitorSettingsParser} from values checked against {@link JanitorConfig}.
 *
 * @param shutdownTimeout the longest the shutdown sequence waits for modules, NodeShutdown and flush together
 * @param maintenanceInterval time between periodic maintenance runs
 * @param maintenanceTargetAgeDays data older than this is cleaned up by periodic maintenance
 * @param maintenanceTimeout how long a maintenance run waits for modules
 * @param healthInterval time between periodic health checks
 * @param dataDir the node's data directory, watched by the disk monitor
 * @param diskPollInterval time between disk measurements
 * @param diskFreeThresholdPercent below this much free space, DiskSpaceLow is published
 * @param memoryThresholdPercent heap usage that triggers a ResourceLimitWarning
 * @param cpuThresholdPercent process CPU load that triggers a ResourceLimitWarning
 * @param diskUsageThresholdPercent disk usage that triggers a ResourceLimitWarning
 * @param resourcePollInterval time between memory and CPU measurements
 * @param hysteresisPercent how far a measurement must come back past its threshold before it can warn again
 * @param startupSettleTimeout the longest NodeStartupCompleted waits for module bundles to settle
 */
public record JanitorSettings(Duration shutdownTimeout, Duration maintenanceInterval, int maintenanceTargetAgeDays,
        Duration maintenanceTimeout, Duration healthInterval, String dataDir, Duration diskPollInterval,
        double diskFreeThresholdPercent, double memoryThresholdPercent, double cpuThresholdPercent,
        double diskUsageThresholdPercent, Duration resourcePollInterval, double hysteresisPercent,
        Duration startupSettleTimeout) {

    /** The defaults, as the metatype {@link JanitorConfig} declares them. */
    public static JanitorSettings defaults() {
        return JanitorSettingsParser.DEFAULTS.settings();
    }

    public JanitorSettings {
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
