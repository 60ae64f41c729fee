package org.nodebus.eventmanager.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;

/**
 * Turns payload records into flat property maps (for EventAdmin) and text fields into payload records
 * (for the shell's {@code publish}), by the records' components, so no payload needs code of its own.
 *
 * <p>Mapping: numbers and booleans as themselves, text as text, {@link Hash32} as 64 hex digits, enums
 * by constant name, an empty {@link Optional} as no property, a present one as its value, a list of text
 * as a {@code String[]}.
 */
public final class PayloadCodec {
    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

    private PayloadCodec() {
    }

    /**
     * The payload's fields as properties.
     *
     * @param payload a payload
     * @return field name to value, in declaration order
     * @throws IllegalStateException if a field cannot be read or converted
     */
    public static Map<String, Object> toProperties(EventPayload payload) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent component : components(payload.getClass())) {
            Object value;
            try {
                value = component.getAccessor().invoke(payload);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + payload.getClass().getSimpleName() + "."
                        + component.getName(), e);
            }
            if (value instanceof Optional<?> optional) {
                if (optional.isEmpty()) {
                    continue;
                }
                value = optional.get();
            }
            properties.put(component.getName(), plain(value));
        }
        return properties;
    }

    /**
     * The payload's fields as {@link #toProperties} maps them, read only when asked for: a filter that tests
     * one field reads that field only.
     *
     * @param payload a payload
     * @return an unmodifiable view; an empty optional field is absent
     */
    public static Map<String, Object> fields(EventPayload payload) {
        return new LazyFields(payload);
    }

    /**
     * Reads a field at its first {@link #get} and keeps it, so the filters of several modules read each field
     * of an event once; the whole map only when iterated (as a filter never does).
     */
    private static final class LazyFields extends java.util.AbstractMap<String, Object> {
        private static final Object UNREAD = new Object();
        private final EventPayload payload;
        private final Readers readers;
        private final Object[] values;
        private Map<String, Object> all;

        LazyFields(EventPayload payload) {
            this.payload = payload;
            this.readers = READERS.get(payload.getClass());
            this.values = new Object[readers.names.length];
            java.util.Arrays.fill(values, UNREAD);
        }

        @Override
        public Object get(Object key) {
            String[] names = readers.names;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(key)) {
                    Object value = values[i];
                    if (value == UNREAD) {
                        value = readers.read(payload, i);
                        values[i] = value;
                    }
                    return value;
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            if (all == null) {
                all = java.util.Collections.unmodifiableMap(toProperties(payload));
            }
            return all.entrySet();
        }
    }

    /** Each payload type's field names and accessors, as method handles: no reflective call per read. */
    private static final ClassValue<Readers> READERS = new ClassValue<>() {
        @Override
        protected Readers computeValue(Class<?> type) {
            return new Readers(type);
        }
    };

    private static final class Readers {
        final String[] names;
        private final java.lang.invoke.MethodHandle[] accessors;

        Readers(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            names = new String[components.length];
            accessors = new java.lang.invoke.MethodHandle[components.length];
            java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.publicLookup();
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                try {
                    accessors[i] = lookup.unreflect(components[i].getAccessor())
                            .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + names[i], e);
                }
            }
        }

        /** The field as {@link #toProperties} maps it; an empty optional as {@code null}. */
        Object read(EventPayload payload, int i) {
            Object value;
            try {
                value = accessors[i].invoke(payload);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + payload.getClass().getSimpleName() + "." + names[i], e);
            }
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            return value == null ? null : plain(value);
        }
    }

    /**
     * The type of a field's values, an optional field's element type.
     *
     * @param type an event type
     * @param field a field name, exact case
     * @return its value type, or empty if the type has no such field
     */
    public static Optional<Type> fieldType(EventType type, String field) {
        for (RecordComponent c : components(type.payloadType())) {
            if (c.getName().equals(field)) {
                return Optional.of(c.getType() == Optional.class
                        ? ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0] : c.getGenericType());
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that a text is a value of a field's type as a filter compares it.
     *
     * @param type the event type
     * @param field the field
     * @param text the value as a filter writes it
     * @throws IllegalArgumentException naming the field, the value and what is valid
     */
    public static void checkValue(EventType type, String field, String text) {
        Type valueType = fieldType(type, field).orElseThrow(
                () -> new IllegalArgumentException(type.eventName() + " has no field '" + field + "'"));
        if (valueType instanceof Class<?> c && c.isEnum()) {
            if (Arrays.stream(c.getEnumConstants()).noneMatch(e -> ((Enum<?>) e).name().equals(text))) {
                throw new IllegalArgumentException(type.eventName() + "." + field + " is one of "
                        + Arrays.stream(c.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "))
                        + " (exact case) but the filter compares it with '" + text + "'");
            }
            return;
        }
        if (valueType == Hash32.class) {
            if (!text.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(type.eventName() + "." + field + " is 64 lower-case hex digits but "
                        + "the filter compares it with '" + text + "'");
            }
            return;
        }
        parse(type, field, valueType, text);
    }

    /** Whether a field's values are numbers, which a substring pattern does not apply to. */
    public static boolean isNumber(Type valueType) {
        return valueType == long.class || valueType == int.class || valueType == double.class
                || valueType == Long.class || valueType == Integer.class;
    }

    /** The field names of a type, in declaration order. */
    public static List<String> fieldNames(EventType type) {
        return Arrays.stream(components(type.payloadType())).map(RecordComponent::getName).toList();
    }

    private static Object plain(Object value) {
        if (value instanceof Hash32 hash) {
            return hash.toHex();
        } else if (value instanceof Enum<?> e) {
            return e.name();
        } else if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toArray(String[]::new);
        }
        return value;
    }

    /**
     * Builds a payload from text fields as an operator types them ({@code height=5}).
     *
     * @param type the event type
     * @param fields field name (any case) to text value
     * @return the payload
     * @throws IllegalArgumentException naming the unknown, missing or malformed field and what is valid
     */
    public static EventPayload fromText(EventType type, Map<String, String> fields) {
        RecordComponent[] components = components(type.payloadType());
        Map<String, String> byLowerName = new LinkedHashMap<>();
        fields.forEach((k, v) -> byLowerName.put(k.toLowerCase(Locale.ROOT), v));
        for (String key : byLowerName.keySet()) {
            if (Arrays.stream(components).noneMatch(c -> c.getName().equalsIgnoreCase(key))) {
                throw new IllegalArgumentException(type.eventName() + " has no field '" + key + "'; its fields are: "
                        + describe(type));
            }
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String text = byLowerName.get(c.getName().toLowerCase(Locale.ROOT));
            boolean optional = c.getType() == Optional.class;
            if (text == null) {
                if (!optional) {
                    throw new IllegalArgumentException(type.eventName() + " needs " + c.getName() + "=<"
                            + typeName(c.getGenericType()) + ">; its fields are: " + describe(type));
                }
                args[i] = Optional.empty();
                continue;
            }
            Type valueType = optional ? ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0] : c.getType();
            Object value = parse(type, c.getName(), valueType, text);
            args[i] = optional ? Optional.of(value) : value;
        }
        try {
            Constructor<?> canonical = type.payloadType().getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return (EventPayload) canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.eventName(), e);
        }
    }

    private static Object parse(EventType type, String field, Type valueType, String text) {
        String where = type.eventName() + "." + field;
        String t = text.strip();
        try {
            if (valueType == long.class || valueType == Long.class) {
                return Long.parseLong(t);
            } else if (valueType == int.class || valueType == Integer.class) {
                return Integer.parseInt(t);
            } else if (valueType == double.class) {
                return Double.parseDouble(t);
            } else if (valueType == boolean.class) {
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(t);
                }
                throw new IllegalArgumentException(where + " must be true or false but was '" + text + "'");
            } else if (valueType == Hash32.class) {
                return Hash32.fromHex(t);
            } else if (valueType == String.class) {
                return text;
            } else if (valueType instanceof Class<?> c && c.isEnum()) {
                for (Object constant : c.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(t)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException(where + " must be one of " + Arrays.stream(c.getEnumConstants())
                        .map(String::valueOf).collect(Collectors.joining(", ")) + " but was '" + text + "'");
            } else if (valueType instanceof ParameterizedType p && p.getRawType() == List.class) {
                return Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a " + typeName(valueType) + " but was '" + text + "'");
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no text conversion for " + valueType + " in " + where);
    }

    /**
     * The fields of a type as an operator writes them, e.g. {@code blockHash=<hash, 64 hex digits> height=<number>}.
     *
     * @param type the event type
     * @return one line
     */
    public static String describe(EventType type) {
        return Arrays.stream(components(type.payloadType()))
                .map(c -> c.getName() + "=<" + typeName(c.getGenericType()) + ">")
                .collect(Collectors.joining(" "));
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return typeName(p.getActualTypeArguments()[0]) + ", optional";
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return "comma-separated list";
        }
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            return "whole number";
        }
        if (type == double.class) {
            return "decimal number";
        }
        if (type == boolean.class) {
            return "true|false";
        }
        if (type == Hash32.class) {
            return "64 hex digits";
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return Arrays.stream(c.getEnumConstants()).map(String::valueOf).collect(Collectors.joining("|"));
        }
        return "text";
    }

    private static RecordComponent[] components(Class<?> recordType) {
        return COMPONENTS.computeIfAbsent(recordType, Class::getRecordComponents);
    }
}
