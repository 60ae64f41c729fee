package org.nodebus.eventmanager.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nodebus.internal.config.ConfigSchema;
import org.nodebus.internal.config.ConfigValues;

/**
 * Reads the EventManager's configuration (PID {@value #PID}) against its metatype,
 * {@link EventManagerConfig}, which declares every key, default, range and description once. Each key is
 * checked on its own: a bad value is refused with a message naming the key, the value and what is valid,
 * and the previous value of that key stays; the other keys still apply.
 */
public final class SettingsParser {
    /** The configuration PID. */
    public static final String PID = "org.nodebus.eventmanager";

    /** The settings and their metatype. */
    public static final ConfigSchema<EventManagerConfig> SCHEMA = ConfigSchema.of(EventManagerConfig.class, PID)
            .check("module.buffer.sizes", "entries moduleId=size with size from 1 to 1000000", v -> {
                moduleSizes((String[]) v);
                return true;
            });

    /**
     * The defaults, with the delivery threads the metatype describes: the processors, at least 2, at most the
     * default bound of delivery.threads.max (32) so a many-core machine starts without a refusal.
     */
    public static final Result DEFAULTS = result(SCHEMA.defaults().with("delivery.threads",
            Math.min(SCHEMA.defaults().typed().delivery_threads_max(),
                    Math.max(2, Runtime.getRuntime().availableProcessors()))), List.of());

    /**
     * The outcome of parsing.
     *
     * @param values the valid values by key, the previous ones where a value was refused
     * @param settings the settings those values make
     * @param errors one message per refused value
     */
    public record Result(ConfigValues<EventManagerConfig> values, DeliverySettings settings, List<String> errors) {
    }

    private SettingsParser() {
    }

    /**
     * Parses properties on top of the settings in force.
     *
     * @param properties the configuration; keys that are absent keep their previous value
     * @param previous the outcome in force (or {@link #DEFAULTS})
     * @return the settings and the refusals
     */
    public static Result parse(Map<String, ?> properties, Result previous) {
        ConfigSchema.Parsed<EventManagerConfig> parsed = SCHEMA.parse(properties, previous.values());
        EventManagerConfig c = parsed.values().typed();
        if (c.delivery_threads_max() < c.delivery_threads()) {
            int keep = Math.max(previous.values().typed().delivery_threads_max(), c.delivery_threads());
            parsed = parsed.refuse("delivery.threads.max", "must be at least delivery.threads ("
                    + c.delivery_threads() + ")", keep);
        }
        return result(parsed.values(), parsed.errors());
    }

    private static Result result(ConfigValues<EventManagerConfig> values, List<String> errors) {
        EventManagerConfig c = values.typed();
        DeliverySettings settings = new DeliverySettings(c.buffer_size(), moduleSizes(c.module_buffer_sizes()),
                c.failure_limit(), Duration.ofMillis(c.listener_timeout_ms()),
                CrashPolicy.valueOf(c.crash_policy().toUpperCase(Locale.ROOT)), c.eventadmin_bridge(),
                new LinkedHashSet<>(List.of(c.node_components())), c.delivery_threads(), c.delivery_threads_max(),
                Duration.ofMillis(c.delivery_compensation_ms()), c.subscriber_history_max());
        return new Result(values, settings, errors);
    }

    /** Entries {@code moduleId=size}; throws on a malformed entry or a size outside 1..1000000. */
    private static Map<String, Integer> moduleSizes(String[] entries) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("no moduleId=size: " + entry);
            }
            int size = Integer.parseInt(entry.substring(eq + 1).strip());
            if (size < 1 || size > 1_000_000) {
                throw new IllegalArgumentException("size out of range: " + entry);
            }
            sizes.put(entry.substring(0, eq).strip(), size);
        }
        return sizes;
    }
}
