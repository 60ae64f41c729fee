package org.nodebus.janitor.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The metatype of PID {@code org.nodebus.janitor}: the one declaration of every key, default, valid range
 * and description, what an operator sees and what the node enforces ({@link JanitorSettingsParser}
 * checks values against it).
 */
@ObjectClassDefinition(id = JanitorSettingsParser.PID, name = "NodeBus Janitor",
        description = "Node startup and shutdown, maintenance, health checks, disk and resource monitors.")
public @interface JanitorConfig {

    @AttributeDefinition(name = "Shutdown timeout (s)", min = "1", max = "3600",
            description = "The longest the shutdown sequence waits for modules to handle NodeShutdown and the flush, together.")
    long shutdown_timeout_seconds() default 30;

    @AttributeDefinition(name = "Maintenance interval (s)", min = "1", max = "31536000", description = "Time between periodic maintenance runs.")
    long maintenance_interval_seconds() default 86_400;

    @AttributeDefinition(name = "Maintenance target age (days)", min = "0", max = "36500",
            description = "Periodic maintenance asks modules to clean up data older than this.")
    int maintenance_target_age_days() default 30;

    @AttributeDefinition(name = "Maintenance timeout (s)", min = "1", max = "86400", description = "How long a maintenance run waits for modules.")
    long maintenance_timeout_seconds() default 300;

    @AttributeDefinition(name = "Health check interval (s)", min = "1", max = "86400", description = "Time between periodic health checks.")
    long health_interval_seconds() default 300;

    @AttributeDefinition(name = "Data directory", description = "The node's data directory; modules keep data in data/<moduleId>. Its disk is watched. Default: the framework property nodebus.data.dir, else data.")
    String data_dir() default "data";

    @AttributeDefinition(name = "Disk poll interval (s)", min = "1", max = "86400", description = "Time between disk measurements.")
    long disk_poll_seconds() default 60;

    @AttributeDefinition(name = "Low disk threshold (% free)", min = "0.01", max = "100",
            description = "DiskSpaceLow is published when free space falls below this.")
    double disk_free_threshold_percent() default 10;

    @AttributeDefinition(name = "Memory warning (% of max heap)", min = "0.01", max = "100")
    double memory_threshold_percent() default 90;

    @AttributeDefinition(name = "CPU warning (% process load)", min = "0.01", max = "100")
    double cpu_threshold_percent() default 90;

    @AttributeDefinition(name = "Disk usage warning (% used)", min = "0.01", max = "100")
    double disk_usage_threshold_percent() default 90;

    @AttributeDefinition(name = "Resource poll interval (s)", min = "1", max = "86400", description = "Time between memory and CPU measurements.")
    long resource_poll_seconds() default 30;

    @AttributeDefinition(name = "Hysteresis (percentage points)", min = "0", max = "50",
            description = "How far a measurement must come back past its threshold before it can warn again.")
    double hysteresis_percent() default 2;

    @AttributeDefinition(name = "Startup settle timeout (s)", min = "1", max = "3600",
            description = "The longest NodeStartupCompleted waits for module bundles to finish loading.")
    long startup_settle_timeout_seconds() default 60;
}
