package org.nodebus.api.event;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds payload records by reflection, so the tests cover every record without listing them. */
final class PayloadFixtures {
    static final Hash32 HASH = Hash32.fromHex("00".repeat(32));

    private PayloadFixtures() {
    }

    /** A valid value for each component; enum constants differ per component (ModuleHealthChanged needs it). */
    static Object[] validArguments(Class<? extends Record> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = validValue(components[i], i);
        }
        return args;
    }

    static Object validValue(RecordComponent component, int index) {
        Class<?> t = component.getType();
        if (t == Hash32.class) {
            return HASH;
        } else if (t == long.class) {
            return 1L;
        } else if (t == int.class) {
            return 1;
        } else if (t == double.class) {
            return 50.0;
        } else if (t == boolean.class) {
            return true;
        } else if (t == String.class) {
            return "x";
        } else if (t == List.class) {
            return List.of("a", "b");
        } else if (t == Optional.class) {
            return Optional.empty();
        } else if (t.isEnum()) {
            Object[] constants = t.getEnumConstants();
            return constants[index % constants.length];
        }
        throw new AssertionError("no fixture for " + t + " in " + component);
    }

    static EventPayload build(Class<? extends Record> type, Object[] args) throws Throwable {
        Class<?>[] parameterTypes = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<? extends Record> canonical = type.getDeclaredConstructor(parameterTypes);
        try {
            return (EventPayload) canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    static EventPayload valid(EventType type) {
        Class<? extends Record> recordType = (Class<? extends Record>) type.payloadType();
        try {
            return build(recordType, validArguments(recordType));
        } catch (Throwable e) {
            throw new AssertionError("could not build a valid " + type.eventName(), e);
        }
    }
}
