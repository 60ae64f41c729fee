package org.nodebus.janitor.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the janitor's configuration. Each key is checked on its own; a bad value is refused with a
 * message naming the key, the value and the valid range, and that key keeps its previous value.
 */
public final class JanitorSettingsParser {
    /** The configuration PID. */
    public static final String PID = "org.nodebus.janitor";

    /**
     * The outcome of parsing.
     *
     * @param settings the settings to use
     * @param errors one message per refused value
     */
    public record Result(JanitorSettings settings, List<String> errors) {
    }

    private JanitorSettingsParser() {
    }

    public static Result parse(Map<String, ?> p, JanitorSettings previous) {
        List<String> errors = new ArrayList<>();
        Reader r = new Reader(p, errors);
        JanitorSettings s = new JanitorSettings(
                r.seconds("shutdown.timeout.seconds", previous.shutdownTimeout(), 1, 3_600),
                r.seconds("maintenance.interval.seconds", previous.maintenanceInterval(), 1, 31_536_000),
                (int) r.whole("maintenance.target.age.days", previous.maintenanceTargetAgeDays(), 0, 36_500),
                r.seconds("maintenance.timeout.seconds", previous.maintenanceTimeout(), 1, 86_400),
                r.seconds("health.interval.seconds", previous.healthInterval(), 1, 86_400),
                r.value("data.dir", previous.dataDir(), "a directory path", v -> {
                    String dir = v.toString().strip();
                    if (dir.isEmpty()) {
                        throw new IllegalArgumentException();
                    }
                    return dir;
                }),
                r.seconds("disk.poll.seconds", previous.diskPollInterval(), 1, 86_400),
                r.percent("disk.free.threshold.percent", previous.diskFreeThresholdPercent()),
                r.percent("memory.threshold.percent", previous.memoryThresholdPercent()),
                r.percent("cpu.threshold.percent", previous.cpuThresholdPercent()),
                r.percent("disk.usage.threshold.percent", previous.diskUsageThresholdPercent()),
                r.seconds("resource.poll.seconds", previous.resourcePollInterval(), 1, 86_400),
                r.decimal("hysteresis.percent", previous.hysteresisPercent(), 0, 50),
                r.seconds("startup.settle.timeout.seconds", previous.startupSettleTimeout(), 1, 3_600));
        return new Result(s, List.copyOf(errors));
    }

    private record Reader(Map<String, ?> properties, List<String> errors) {

        Duration seconds(String key, Duration previous, long min, long max) {
            return Duration.ofSeconds(whole(key, previous.toSeconds(), min, max));
        }

        long whole(String key, long previous, long min, long max) {
            return value(key, previous, "a whole number from " + min + " to " + max, v -> {
                long n = v instanceof Number number && !(v instanceof Double || v instanceof Float)
                        ? number.longValue() : Long.parseLong(v.toString().strip());
                if (n < min || n > max) {
                    throw new IllegalArgumentException();
                }
                return n;
            });
        }

        double percent(String key, double previous) {
            return decimal(key, previous, 0.01, 100);
        }

        double decimal(String key, double previous, double min, double max) {
            return value(key, previous, "a number from " + min + " to " + max, v -> {
                double d = v instanceof Number number ? number.doubleValue() : Double.parseDouble(v.toString().strip());
                if (!(d >= min && d <= max)) {
                    throw new IllegalArgumentException();
                }
                return d;
            });
        }

        <T> T value(String key, T previous, String valid, Function<Object, T> parse) {
            Object raw = properties.get(key);
            if (raw == null) {
                return previous;
            }
            try {
                return parse.apply(raw);
            } catch (RuntimeException e) {
                Object shown = previous instanceof Duration d ? d.toSeconds() : previous;
                errors.add(key + "=" + raw + " refused: must be " + valid + "; keeping " + shown);
                return previous;
            }
        }
    }
}
