package org.nodebus.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every component of every payload record, given a bad value, must be refused with a message that names
 * the record, the field and the value.
 */
class PayloadValidationTest {
    /** Fields where any number is meaningful: service bits are a bit set. */
    private static final Set<String> UNCHECKED_NUMBERS = Set.of("PeerConnected.services");
    private static final String OVERSIZED = "x".repeat(Checks.JSON_MAX + 1);

    @TestFactory
    Stream<DynamicTest> everyFieldRefusesBadValues() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventType type : EventType.values()) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> record = (Class<? extends Record>) type.payloadType();
            RecordComponent[] components = record.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                String field = record.getSimpleName() + "." + components[i].getName();
                for (BadValue bad : badValues(components[i], field)) {
                    int index = i;
                    tests.add(dynamicTest(field + " = " + bad.label, () -> {
                        Object[] args = PayloadFixtures.validArguments(record);
                        args[index] = bad.value;
                        Throwable e = assertThrows(bad.expected, () -> PayloadFixtures.build(record, args));
                        assertTrue(e.getMessage().contains(field), "message does not name " + field + ": " + e.getMessage());
                        assertTrue(e.getMessage().contains(bad.shownAs), "message does not show '" + bad.shownAs + "': " + e.getMessage());
                    }));
                }
            }
        }
        return tests.stream();
    }

    private record BadValue(String label, Object value, Class<? extends Throwable> expected, String shownAs) {
    }

    private static List<BadValue> badValues(RecordComponent component, String field) {
        Class<?> t = component.getType();
        List<BadValue> bad = new ArrayList<>();
        if (!t.isPrimitive()) {
            bad.add(new BadValue("null", null, NullPointerException.class, "null"));
        }
        if ((t == long.class || t == int.class) && !UNCHECKED_NUMBERS.contains(field)) {
            bad.add(new BadValue("-1", t == long.class ? (Object) (-1L) : (Object) (-1), IllegalArgumentException.class, "-1"));
            bad.add(new BadValue("MIN_VALUE", t == long.class ? (Object) Long.MIN_VALUE : (Object) Integer.MIN_VALUE,
                    IllegalArgumentException.class, t == long.class ? String.valueOf(Long.MIN_VALUE) : String.valueOf(Integer.MIN_VALUE)));
        }
        if (t == double.class) {
            bad.add(new BadValue("-0.5", -0.5, IllegalArgumentException.class, "-0.5"));
            bad.add(new BadValue("100.5", 100.5, IllegalArgumentException.class, "100.5"));
            bad.add(new BadValue("NaN", Double.NaN, IllegalArgumentException.class, "NaN"));
        }
        if (t == String.class) {
            bad.add(new BadValue("blank", "  ", IllegalArgumentException.class, "blank"));
            bad.add(new BadValue("oversized", OVERSIZED, IllegalArgumentException.class, String.valueOf(OVERSIZED.length())));
        }
        if (t == List.class) {
            bad.add(new BadValue("[blank]", List.of(" "), IllegalArgumentException.class, "[0]"));
            bad.add(new BadValue("[null]", Arrays.asList("a", null), NullPointerException.class, "[1]"));
        }
        if (t == Optional.class) {
            boolean text = component.getGenericType().getTypeName().contains("String");
            if (text) {
                bad.add(new BadValue("Optional[blank]", Optional.of(""), IllegalArgumentException.class, "blank"));
                bad.add(new BadValue("Optional[oversized]", Optional.of(OVERSIZED), IllegalArgumentException.class,
                        String.valueOf(OVERSIZED.length())));
            } else {
                boolean isLong = component.getGenericType().getTypeName().contains("Long");
                bad.add(new BadValue("Optional[-1]", Optional.of(isLong ? (Object) (-1L) : (Object) (-1)),
                        IllegalArgumentException.class, "-1"));
            }
        }
        return bad;
    }

    @Test
    void healthChangedNeedsTwoDifferentStates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModuleHealthChanged("m", ModuleHealth.HEALTHY, ModuleHealth.HEALTHY));
        assertTrue(e.getMessage().contains("ModuleHealthChanged.newHealth"), e.getMessage());
    }

    @Test
    void availableDiskCannotExceedTotal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiskSpaceLow(200, 100, 5.0, "/data"));
        assertTrue(e.getMessage().contains("DiskSpaceLow.availableBytes") && e.getMessage().contains("200"), e.getMessage());
    }

    @Test
    void startupComponentsAreCopiedImmutably() {
        List<String> components = new ArrayList<>(List.of("a"));
        NodeStartupCompleted event = new NodeStartupCompleted(5, components);
        components.add("b");
        assertEquals(List.of("a"), event.components());
        assertThrows(UnsupportedOperationException.class, () -> event.components().add("c"));
    }

    @Test
    void convenienceConstructorLeavesTheOptionalEmpty() {
        assertEquals(Optional.empty(), new PeerConnected("127.0.0.1:8333", "tcp", 1, 70016).peerNodeId());
    }
}
