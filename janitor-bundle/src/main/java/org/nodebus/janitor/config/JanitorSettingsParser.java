package org.nodebus.janitor.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.nodebus.internal.config.ConfigSchema;
import org.nodebus.internal.config.ConfigValues;

/**
 * Reads the janitor's configuration (PID {@value #PID}) against its metatype, {@link JanitorConfig}. Each
 * key is checked on its own; a bad value is refused with a message naming the key, the value and what is
 * valid, and that key keeps its previous value.
 */
public final class JanitorSettingsParser {
    /** The configuration PID. */
    public static final String PID = "org.nodebus.janitor";

    /** The settings and their metatype. */
    public static final ConfigSchema<JanitorConfig> SCHEMA = ConfigSchema.of(JanitorConfig.class, PID)
            .check("data.dir", "a directory path", v -> !((String) v).isEmpty());

    /** The defaults, as the metatype declares them. */
    public static final Result DEFAULTS = result(SCHEMA.defaults(), List.of());

    /**
     * The outcome of parsing.
     *
     * @param values the valid values by key, the previous ones where a value was refused
     * @param settings the settings those values make
     * @param errors one message per refused value
     */
    public record Result(ConfigValues<JanitorConfig> values, JanitorSettings settings, List<String> errors) {
    }

    private JanitorSettingsParser() {
    }

    /**
     * @param properties the configuration; keys that are absent keep their previous value
     * @param previous the outcome in force (or {@link #DEFAULTS})
     * @return the settings and the refusals
     */
    public static Result parse(Map<String, ?> properties, Result previous) {
        ConfigSchema.Parsed<JanitorConfig> parsed = SCHEMA.parse(properties, previous.values());
        return result(parsed.values(), parsed.errors());
    }

    private static Result result(ConfigValues<JanitorConfig> values, List<String> errors) {
        JanitorConfig c = values.typed();
        JanitorSettings s = new JanitorSettings(Duration.ofSeconds(c.shutdown_timeout_seconds()),
                Duration.ofSeconds(c.maintenance_interval_seconds()), c.maintenance_target_age_days(),
                Duration.ofSeconds(c.maintenance_timeout_seconds()), Duration.ofSeconds(c.health_interval_seconds()),
                c.data_dir(), Duration.ofSeconds(c.disk_poll_seconds()), c.disk_free_threshold_percent(),
                c.memory_threshold_percent(), c.cpu_threshold_percent(), c.disk_usage_threshold_percent(),
                Duration.ofSeconds(c.resource_poll_seconds()), c.hysteresis_percent(),
                Duration.ofSeconds(c.startup_settle_timeout_seconds()));
        return new Result(values, s, errors);
    }
}
