package org.nodebus.eventmanager.config;

import java.lang.reflect.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the EventManager's configuration properties. Each key is checked on its own: a bad value is
 * refused with a message naming the key, the value and the valid range, and the previous value of that
 * key stays; the other keys still apply. Values may be typed (from ConfigAdmin) or text (from a
 * {@code .cfg} file).
 */
public final class SettingsParser {
    /** The configuration PID. */
    public static final String PID = "org.nodebus.eventmanager";

    static final String BUFFER_SIZE = "buffer.size";
    static final String MODULE_BUFFER_SIZES = "module.buffer.sizes";
    static final String FAILURE_LIMIT = "failure.limit";
    static final String LISTENER_TIMEOUT_MS = "listener.timeout.ms";
    static final String CRASH_POLICY = "crash.policy";
    static final String EVENTADMIN_BRIDGE = "eventadmin.bridge";
    static final String NODE_COMPONENTS = "node.components";
    static final String DELIVERY_THREADS = "delivery.threads";
    static final String DELIVERY_THREADS_MAX = "delivery.threads.max";
    static final String DELIVERY_COMPENSATION_MS = "delivery.compensation.ms";

    /**
     * The outcome of parsing.
     *
     * @param settings the settings to use: the new values where valid, the previous ones elsewhere
     * @param errors one message per refused value
     */
    public record Result(DeliverySettings settings, List<String> errors) {
    }

    private SettingsParser() {
    }

    /**
     * Parses properties on top of the previous settings.
     *
     * @param properties the configuration; keys that are absent keep their previous value
     * @param previous the settings in force
     * @return the settings and the refusals
     */
    public static Result parse(Map<String, ?> properties, DeliverySettings previous) {
        Reader r = new Reader(properties);
        long bufferSize = r.integer(BUFFER_SIZE, previous.bufferSize(), 1, 1_000_000);
        Map<String, Integer> moduleSizes = r.value(MODULE_BUFFER_SIZES, previous.moduleBufferSizes(),
                "entries moduleId=size with size from 1 to 1000000", SettingsParser::moduleSizes);
        long failureLimit = r.integer(FAILURE_LIMIT, previous.failureLimit(), 1, 1_000_000);
        long timeoutMs = r.integer(LISTENER_TIMEOUT_MS, previous.listenerTimeout().toMillis(), 10, 86_400_000L);
        CrashPolicy crashPolicy = r.value(CRASH_POLICY, previous.crashPolicy(), "one of: stop, leave",
                v -> CrashPolicy.valueOf(v.toString().strip().toUpperCase(Locale.ROOT)));
        boolean bridge = r.value(EVENTADMIN_BRIDGE, previous.eventAdminBridge(), "true or false", SettingsParser::bool);
        Set<String> nodeComponents = r.value(NODE_COMPONENTS, previous.nodeComponents(),
                "a list of bundle symbolic names", v -> new LinkedHashSet<>(strings(v)));
        int threads = (int) r.integer(DELIVERY_THREADS, previous.deliveryThreads(), 1, 64);
        int maxThreads = (int) r.integer(DELIVERY_THREADS_MAX, previous.maxDeliveryThreads(), 1, 1024);
        if (maxThreads < threads) {
            r.errors.add(DELIVERY_THREADS_MAX + "=" + maxThreads + " refused: must be at least "
                    + DELIVERY_THREADS + " (" + threads + "); keeping " + Math.max(previous.maxDeliveryThreads(), threads));
            maxThreads = Math.max(previous.maxDeliveryThreads(), threads);
        }
        long compensationMs = r.integer(DELIVERY_COMPENSATION_MS, previous.compensationThreshold().toMillis(), 1, 60_000);
        DeliverySettings settings = new DeliverySettings((int) bufferSize, moduleSizes, (int) failureLimit,
                Duration.ofMillis(timeoutMs), crashPolicy, bridge, nodeComponents, threads, maxThreads,
                Duration.ofMillis(compensationMs));
        return new Result(settings, List.copyOf(r.errors));
    }

    private static final class Reader {
        final Map<String, ?> properties;
        final List<String> errors = new ArrayList<>();

        Reader(Map<String, ?> properties) {
            this.properties = properties;
        }

        long integer(String key, long previous, long min, long max) {
            return value(key, previous, "a whole number from " + min + " to " + max, v -> {
                long n = v instanceof Number number && !(v instanceof Double || v instanceof Float)
                        ? number.longValue() : Long.parseLong(v.toString().strip());
                if (n < min || n > max) {
                    throw new IllegalArgumentException();
                }
                return n;
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
                errors.add(key + "=" + show(raw) + " refused: must be " + valid + "; keeping " + show(previous));
                return previous;
            }
        }
    }

    private static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().strip().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
        }
        throw new IllegalArgumentException();
    }

    private static Map<String, Integer> moduleSizes(Object v) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (String entry : strings(v)) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException();
            }
            int size = Integer.parseInt(entry.substring(eq + 1).strip());
            if (size < 1 || size > 1_000_000) {
                throw new IllegalArgumentException();
            }
            sizes.put(entry.substring(0, eq).strip(), size);
        }
        return sizes;
    }

    /** A list from a String[], a Collection or a comma-separated String. */
    public static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(String.valueOf(Array.get(v, i)));
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(e -> out.add(String.valueOf(e)));
        } else {
            for (String s : v.toString().split(",")) {
                out.add(s);
            }
        }
        return out.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String show(Object value) {
        if (value != null && value.getClass().isArray()) {
            return strings(value).toString();
        }
        if (value instanceof Duration d) {
            return String.valueOf(d.toMillis());
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }
}
