package org.nodebus.internal.config;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One setting as the metatype declares it: what an operator sees in a configuration UI and what the node
 * enforces.
 *
 * @param key the property key, e.g. {@code buffer.size}
 * @param type the metatype type: String, Integer, Long, Double or Boolean
 * @param multiple whether it takes a list of values
 * @param required whether a value must be present (an optional one without default means "computed")
 * @param min the smallest valid value, if bounded
 * @param max the largest valid value, if bounded
 * @param defaults the default values as text, empty if none
 * @param options the valid values, empty if any value of the type is valid
 * @param name a short label
 * @param description what the setting does
 */
public record Attribute(String key, String type, boolean multiple, boolean required, Optional<String> min,
        Optional<String> max, List<String> defaults, List<String> options, String name, String description) {

    public Attribute {
        defaults = List.copyOf(defaults);
        options = List.copyOf(options);
    }

    /** What a valid value is, in words, e.g. "a whole number from 1 to 1000000". */
    public String valid() {
        String one = switch (type) {
            case "Integer", "Long" -> "a whole number" + range();
            case "Double" -> "a number" + range();
            case "Boolean" -> "true or false";
            default -> options.isEmpty() ? "a text" : "one of: " + String.join(", ", options);
        };
        return multiple ? "a list of values, each " + one : one;
    }

    private String range() {
        if (min.isPresent() && max.isPresent()) {
            return " from " + min.get() + " to " + max.get();
        }
        return min.map(m -> " of at least " + m).orElse(max.map(m -> " of at most " + m).orElse(""));
    }

    /**
     * Converts a value, typed (from ConfigAdmin) or text (from a {@code .cfg} file or the shell), to this
     * setting's type: a list becomes an array.
     *
     * @throws IllegalArgumentException (or another RuntimeException) if it is not valid: see {@link #valid()}
     */
    public Object convert(Object raw) {
        if (!multiple) {
            return one(raw);
        }
        List<String> texts = ConfigSchema.strings(raw);
        Object array = Array.newInstance(javaType(type), texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Array.set(array, i, one(texts.get(i)));
        }
        return array;
    }

    private Object one(Object raw) {
        return switch (type) {
            case "Integer" -> (int) whole(raw, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "Long" -> whole(raw, Long.MIN_VALUE, Long.MAX_VALUE);
            case "Double" -> decimal(raw);
            case "Boolean" -> bool(raw);
            case "String", "Password" -> text(raw);
            default -> throw new IllegalStateException("metatype type " + type + " of " + key + " is not supported");
        };
    }

    private long whole(Object raw, long lowest, long highest) {
        long n = raw instanceof Number number && !(raw instanceof Double || raw instanceof Float)
                ? number.longValue() : Long.parseLong(raw.toString().strip());
        long low = min.map(Long::parseLong).orElse(lowest);
        long high = max.map(Long::parseLong).orElse(highest);
        if (n < Math.max(low, lowest) || n > Math.min(high, highest)) {
            throw new IllegalArgumentException();
        }
        return n;
    }

    private double decimal(Object raw) {
        double d = raw instanceof Number number ? number.doubleValue() : Double.parseDouble(raw.toString().strip());
        double low = min.map(Double::parseDouble).orElse(-Double.MAX_VALUE);
        double high = max.map(Double::parseDouble).orElse(Double.MAX_VALUE);
        if (!(d >= low && d <= high)) {
            throw new IllegalArgumentException();
        }
        return d;
    }

    private static Boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw.toString().strip().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
        }
        throw new IllegalArgumentException();
    }

    private String text(Object raw) {
        String s = raw.toString().strip();
        if (options.isEmpty()) {
            return s;
        }
        return options.stream().filter(o -> o.equalsIgnoreCase(s)).findFirst()
                .orElseThrow(IllegalArgumentException::new);
    }

    private static Class<?> javaType(String type) {
        return switch (type) {
            case "Integer" -> Integer.class;
            case "Long" -> Long.class;
            case "Double" -> Double.class;
            case "Boolean" -> Boolean.class;
            default -> String.class;
        };
    }
}
