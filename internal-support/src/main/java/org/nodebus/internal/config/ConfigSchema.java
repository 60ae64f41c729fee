package org.nodebus.internal.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The settings of one PID as its {@code @ObjectClassDefinition} declares them, and the one validator of
 * their values. Each key is checked on its own against its metatype type, range and options (and any
 * extra check the component adds): a bad value is refused with a message naming the key, the value and
 * what is valid, and that key keeps its previous value while the others apply. Values may be typed (from
 * ConfigAdmin) or text (from a {@code .cfg} file).
 *
 * @param <C> the annotation interface of the metatype, through which the component reads its values
 */
public final class ConfigSchema<C extends Annotation> {
    private final Class<C> type;
    private final String pid;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();
    private final Map<String, Method> methods = new LinkedHashMap<>();
    private final Map<String, Check> checks = new LinkedHashMap<>();

    private record Check(String valid, Predicate<Object> accepts) {
    }

    private ConfigSchema(Class<C> type, String pid, List<Attribute> declared) {
        this.type = type;
        this.pid = pid;
        for (Attribute a : declared) {
            if (!List.of("String", "Password", "Integer", "Long", "Double", "Boolean").contains(a.type())) {
                throw new IllegalStateException("metatype type " + a.type() + " of " + pid + " " + a.key()
                        + " is not supported: use String, Password, Integer, Long, Double or Boolean");
            }
            attributes.put(a.key(), a);
        }
        for (Method method : type.getDeclaredMethods()) {
            String key = key(method.getName());
            if (!attributes.containsKey(key)) {
                throw new IllegalStateException(type.getName() + "." + method.getName() + " has no attribute " + key
                        + " in the metatype of " + pid);
            }
            methods.put(key, method);
        }
        if (!methods.keySet().equals(attributes.keySet())) {
            throw new IllegalStateException("the metatype of " + pid + " and " + type.getName() + " disagree: "
                    + attributes.keySet() + " vs " + methods.keySet());
        }
    }

    /**
     * @param type the annotation interface with the {@code @ObjectClassDefinition}
     * @param pid its id, which names bnd's {@code OSGI-INF/metatype/<pid>.xml}
     * @throws IllegalStateException if the metatype is missing or does not match the interface
     */
    public static <C extends Annotation> ConfigSchema<C> of(Class<C> type, String pid) {
        return new ConfigSchema<>(type, pid, MetatypeXml.read(type, pid));
    }

    /**
     * Adds a check beyond type and range, e.g. the form of list entries.
     *
     * @param key the setting
     * @param valid what a valid value is, in words, for the refusal
     * @param accepts whether a value (already of the metatype's type; a {@code String[]} for a list) is valid
     * @return this schema
     */
    public ConfigSchema<C> check(String key, String valid, Predicate<Object> accepts) {
        if (!attributes.containsKey(key)) {
            throw new IllegalArgumentException("no setting " + key + " in " + pid);
        }
        checks.put(key, new Check(valid, accepts));
        return this;
    }

    /** The PID. */
    public String pid() {
        return pid;
    }

    /** Every setting in the order the metatype declares them. */
    public List<Attribute> attributes() {
        return List.copyOf(attributes.values());
    }

    /** The settings' defaults; a setting without default has none (its method returns 0, false or null). */
    public ConfigValues<C> defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Attribute a : attributes.values()) {
            if (!a.defaults().isEmpty() || a.multiple()) {
                Object raw = a.multiple() ? a.defaults() : a.defaults().get(0);
                values.put(a.key(), a.convert(raw));
            }
        }
        return new ConfigValues<>(type, methods, values);
    }

    /**
     * Reads properties on top of the values in force.
     *
     * @param properties the configuration; absent keys keep their previous value
     * @param previous the values in force
     * @return the values to use and one message per refused value
     */
    public Parsed<C> parse(Map<String, ?> properties, ConfigValues<C> previous) {
        Map<String, Object> values = new LinkedHashMap<>(previous.values());
        List<String> errors = new ArrayList<>();
        for (Attribute a : attributes.values()) {
            Object raw = properties.get(a.key());
            if (raw == null) {
                continue;
            }
            Check check = checks.get(a.key());
            try {
                Object value = a.convert(raw);
                if (check != null && !check.accepts().test(value)) {
                    throw new IllegalArgumentException();
                }
                values.put(a.key(), value);
            } catch (RuntimeException refused) {
                errors.add(refusal(a.key(), raw, check != null ? check.valid() : a.valid(), previous.values().get(a.key())));
            }
        }
        return new Parsed<>(new ConfigValues<>(type, methods, values), List.copyOf(errors));
    }

    /**
     * Reads properties on top of the values in force and tells each refusal and each unknown key, one line
     * each, to {@code problems} (a component logs them).
     *
     * @return the values to use
     */
    public ConfigValues<C> read(Map<String, ?> properties, ConfigValues<C> previous, Consumer<String> problems) {
        Parsed<C> parsed = parse(properties, previous);
        parsed.errors().forEach(problems);
        List<String> unknown = unknownKeys(properties);
        if (!unknown.isEmpty()) {
            problems.accept("unknown key(s) " + unknown + " ignored; the keys are " + attributes.keySet());
        }
        return parsed.values();
    }

    /**
     * The keys of the properties that are no setting of this PID: framework keys such as service.pid aside,
     * and NodeBus's own component properties (nodebus.*, e.g. the event types of {@code @SubscribeTo}), which
     * Declarative Services hands a component with its configuration.
     */
    public List<String> unknownKeys(Map<String, ?> properties) {
        return properties.keySet().stream().filter(k -> !attributes.containsKey(k))
                .filter(k -> !k.startsWith("service.") && !k.startsWith("component.") && !k.startsWith("felix.")
                        && !k.startsWith("nodebus.")
                        && !k.startsWith("osgi.") && !k.startsWith("objectClass"))
                .sorted().toList();
    }

    /**
     * The outcome of reading.
     *
     * @param values the values to use: the new ones where valid, the previous ones elsewhere
     * @param errors one message per refused value
     */
    public record Parsed<C extends Annotation>(ConfigValues<C> values, List<String> errors) {

        /**
         * Refuses a value after the per-key checks, for a rule between keys.
         *
         * @param key the setting refused
         * @param why what was wrong, e.g. "must be at least delivery.threads (8)"
         * @param keep the value that stays
         * @return the outcome with that key at {@code keep} and one more message
         */
        public Parsed<C> refuse(String key, String why, Object keep) {
            List<String> more = new ArrayList<>(errors);
            more.add(key + "=" + show(values.values().get(key)) + " refused: " + why + "; keeping " + show(keep));
            return new Parsed<>(values.with(key, keep), List.copyOf(more));
        }
    }

    /** The property key of a method: {@code buffer_size} is {@code buffer.size} (OSGi Compendium 112.8.2.2). */
    static String key(String method) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c == '_' && i + 1 < method.length() && method.charAt(i + 1) == '_') {
                key.append('_');
                i++;
            } else if (c == '_') {
                key.append('.');
            } else if (c == '$' && method.startsWith("$_$", i)) {
                key.append('-');
                i += 2;
            } else if (c == '$' && i + 1 < method.length() && method.charAt(i + 1) == '$') {
                key.append('$');
                i++;
            } else if (c != '$') {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** A list from an array, a Collection or a comma-separated text; blanks dropped. */
    public static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(String.valueOf(Array.get(v, i)));
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(e -> out.add(String.valueOf(e)));
        } else {
            out.addAll(List.of(v.toString().split(",")));
        }
        return out.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String refusal(String key, Object raw, String valid, Object previous) {
        return key + "=" + show(raw) + " refused: must be " + valid + "; keeping " + show(previous);
    }

    static String show(Object value) {
        if (value == null) {
            return "the default";
        }
        if (value.getClass().isArray()) {
            return strings(value).toString();
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return pid + attributes.keySet().stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
