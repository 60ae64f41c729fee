package org.nodebus.internal.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Valid values of one PID's settings, read through the metatype's annotation interface: the component
 * calls {@code config.buffer_size()} and never writes a key.
 *
 * @param <C> the annotation interface
 */
public final class ConfigValues<C extends Annotation> {
    private final Class<C> type;
    private final Map<String, Method> methods;
    private final Map<String, Object> values;
    private final C typed;

    ConfigValues(Class<C> type, Map<String, Method> methods, Map<String, Object> values) {
        this.type = type;
        this.methods = methods;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.typed = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> invoke(proxy, method, args)));
    }

    /** The values through the annotation interface; a setting without value gives 0, false or null. */
    public C typed() {
        return typed;
    }

    /** The values by key, as the metatype types them (a list as an array, copied). */
    public Map<String, Object> values() {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v != null && v.getClass().isArray() ? copyOf(v) : v));
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyOf(Object array) {
        int n = Array.getLength(array);
        Object copy = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, copy, 0, n);
        return copy;
    }

    /** These values with one changed. */
    public ConfigValues<C> with(String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(this.values);
        changed.put(key, value);
        return new ConfigValues<>(type, methods, changed);
    }

    private Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "toString":
                return toString();
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "annotationType":
                return type;
            default:
                break;
        }
        Object value = values.get(ConfigSchema.key(method.getName()));
        Class<?> returns = method.getReturnType();
        if (value == null) {
            return absent(returns);
        }
        if (returns.isArray()) {
            int n = Array.getLength(value);
            Object copy = Array.newInstance(returns.getComponentType(), n);
            for (int i = 0; i < n; i++) {
                Array.set(copy, i, Array.get(value, i));
            }
            return copy;
        }
        if (value instanceof Number number) {
            if (returns == int.class) {
                return number.intValue();
            }
            if (returns == long.class) {
                return number.longValue();
            }
            if (returns == double.class) {
                return number.doubleValue();
            }
        }
        return value;
    }

    private static Object absent(Class<?> returns) {
        if (returns == int.class) {
            return 0;
        }
        if (returns == long.class) {
            return 0L;
        }
        if (returns == double.class) {
            return 0.0;
        }
        if (returns == boolean.class) {
            return false;
        }
        return null;
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + ConfigSchema.show(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigValues<?> other && type == other.type && values.keySet().equals(other.values.keySet())
                && values.entrySet().stream().allMatch(e -> Arrays.deepEquals(new Object[] {e.getValue()},
                        new Object[] {other.values.get(e.getKey())}));
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }
}
