package org.nodebus.internal.config;

import java.util.List;
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
            case "Double", "Float" -> "a number" + range();
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
}
