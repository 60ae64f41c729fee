package org.nodebus.eventmanager.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SettingsParserTest {
    private static final SettingsParser.Result DEFAULTS = SettingsParser.DEFAULTS;
    private static final DeliverySettings D = DEFAULTS.settings();

    @Test
    void noPropertiesKeepTheDefaults() {
        SettingsParser.Result r = SettingsParser.parse(Map.of(), DEFAULTS);
        assertEquals(D, r.settings());
        assertEquals(List.of(), r.errors());
        assertEquals(100, D.bufferSize());
        assertEquals(Set.of("org.nodebus.janitor"), D.nodeComponents());
    }

    @Test
    void typedValuesFromConfigAdminApply() {
        SettingsParser.Result r = SettingsParser.parse(Map.of("buffer.size", 500, "failure.limit", 7L,
                "listener.timeout.ms", 250L, "crash.policy", "leave", "eventadmin.bridge", false,
                "node.components", new String[] {"a", "b"}, "module.buffer.sizes", new String[] {"x=3", "y = 9"},
                "delivery.threads", 3, "delivery.threads.max", 12), DEFAULTS);
        assertEquals(List.of(), r.errors());
        DeliverySettings s = r.settings();
        assertEquals(500, s.bufferSize());
        assertEquals(7, s.failureLimit());
        assertEquals(Duration.ofMillis(250), s.listenerTimeout());
        assertEquals(CrashPolicy.LEAVE, s.crashPolicy());
        assertEquals(false, s.eventAdminBridge());
        assertEquals(Set.of("a", "b"), s.nodeComponents());
        assertEquals(3, s.bufferSizeFor("x"));
        assertEquals(9, s.bufferSizeFor("y"));
        assertEquals(500, s.bufferSizeFor("z"));
        assertEquals(3, s.deliveryThreads());
        assertEquals(12, s.maxDeliveryThreads());
    }

    @Test
    void textValuesFromACfgFileApply() {
        SettingsParser.Result r = SettingsParser.parse(Map.of("buffer.size", " 250 ", "eventadmin.bridge", "FALSE",
                "node.components", "org.nodebus.janitor, org.example.trusted", "crash.policy", "STOP"), DEFAULTS);
        assertEquals(List.of(), r.errors());
        assertEquals(250, r.settings().bufferSize());
        assertEquals(Set.of("org.nodebus.janitor", "org.example.trusted"), r.settings().nodeComponents());
    }

    @Test
    void eachBadValueIsRefusedNamingKeyValueAndRangeAndThePreviousValueStays() {
        SettingsParser.Result previous = SettingsParser.parse(Map.of("buffer.size", 42), DEFAULTS);
        SettingsParser.Result r = SettingsParser.parse(Map.of("buffer.size", "lots", "failure.limit", 0,
                "listener.timeout.ms", -5, "crash.policy", "explode", "eventadmin.bridge", "maybe",
                "module.buffer.sizes", new String[] {"x=0"}, "delivery.threads", 500, "buffer.size.typo", 1,
                "node.components", "a"), previous);
        assertEquals(42, r.settings().bufferSize());
        assertEquals(D.failureLimit(), r.settings().failureLimit());
        assertEquals(D.listenerTimeout(), r.settings().listenerTimeout());
        assertEquals(D.crashPolicy(), r.settings().crashPolicy());
        assertEquals(D.eventAdminBridge(), r.settings().eventAdminBridge());
        assertEquals(Map.of(), r.settings().moduleBufferSizes());
        assertEquals(D.deliveryThreads(), r.settings().deliveryThreads());
        assertEquals(Set.of("a"), r.settings().nodeComponents(), "a good key still applies");
        assertEquals(7, r.errors().size(), r.errors().toString());
        assertContains(r.errors(), "buffer.size=lots refused: must be a whole number from 1 to 1000000; keeping 42");
        assertContains(r.errors(), "failure.limit=0 refused: must be a whole number from 1 to 1000000");
        assertContains(r.errors(), "listener.timeout.ms=-5 refused: must be a whole number from 10 to 86400000");
        assertContains(r.errors(), "crash.policy=explode refused: must be one of: stop, leave; keeping stop");
        assertContains(r.errors(), "eventadmin.bridge=maybe refused: must be true or false");
        assertContains(r.errors(), "module.buffer.sizes=[x=0] refused");
        assertContains(r.errors(), "delivery.threads=500 refused: must be a whole number from 1 to 64");
    }

    @Test
    void theThreadBoundCannotBeBelowTheThreads() {
        SettingsParser.Result r = SettingsParser.parse(Map.of("delivery.threads", 8, "delivery.threads.max", 4), DEFAULTS);
        assertEquals(8, r.settings().deliveryThreads());
        assertTrue(r.settings().maxDeliveryThreads() >= 8);
        assertContains(r.errors(), "delivery.threads.max=4 refused: must be at least delivery.threads (8)");
    }

    /** The bad-input sweep: every key with a wrong type and with values out of range, one at a time. */
    @Test
    void everyKeyRefusesEveryKindOfBadValueAlone() {
        Map<String, List<Object>> bad = Map.of(
                "buffer.size", List.of("lots", 0, -1, 1_000_001, 2.5, Long.MAX_VALUE, new String[] {"1", "2"}),
                "failure.limit", List.of("x", 0, -3, 10_000_000L, true),
                "listener.timeout.ms", List.of("soon", 9, -1L, 86_400_001L, 1.5),
                "crash.policy", List.of("explode", "", 3),
                "eventadmin.bridge", List.of("maybe", 2, "yes please"),
                "module.buffer.sizes", List.of(new String[] {"x=0"}, new String[] {"x"}, new String[] {"=4"},
                        new String[] {"x=lots"}, new String[] {"x=2000000"}),
                "delivery.threads", List.of(0, 65, "many", -2),
                "delivery.threads.max", List.of(0, 1_025, "lots"));
        // node.components has no bad value: an empty list means no bundle besides the EventManager is trusted
        for (Map.Entry<String, List<Object>> key : bad.entrySet()) {
            for (Object value : key.getValue()) {
                SettingsParser.Result r = SettingsParser.parse(Map.of(key.getKey(), value), DEFAULTS);
                String shown = value instanceof String[] a ? java.util.Arrays.toString(a) : String.valueOf(value);
                assertEquals(D, r.settings(), key.getKey() + "=" + shown + " changed the settings");
                assertEquals(1, r.errors().size(), key.getKey() + "=" + shown + ": " + r.errors());
                assertTrue(r.errors().get(0).startsWith(key.getKey() + "="), r.errors().get(0));
                assertTrue(r.errors().get(0).contains("refused: must be") || r.errors().get(0).contains("refused"),
                        r.errors().get(0));
            }
        }
    }

    @Test
    void theMetatypeIsTheOneSourceOfKeysDefaultsAndRanges() {
        assertEquals(List.of("buffer.size", "module.buffer.sizes", "failure.limit", "listener.timeout.ms", "crash.policy",
                "eventadmin.bridge", "node.components", "delivery.threads", "delivery.threads.max",
                "delivery.compensation.ms", "history.size", "subscriber.history.max", "journal.retention.mb", "journal.retention.hours", "journal.queue.size"), SettingsParser.SCHEMA.attributes().stream().map(a -> a.key()).toList());
        org.nodebus.internal.config.Attribute size = SettingsParser.SCHEMA.attributes().get(0);
        assertEquals(java.util.Optional.of("1"), size.min());
        assertEquals(java.util.Optional.of("1000000"), size.max());
        assertEquals(List.of("100"), size.defaults());
        assertEquals(Duration.ofSeconds(5), D.listenerTimeout());
        assertEquals(32, D.maxDeliveryThreads());
        assertEquals(Duration.ofMillis(20), D.compensationThreshold());
        assertEquals(Math.min(32, Math.max(2, Runtime.getRuntime().availableProcessors())), D.deliveryThreads());
        assertEquals(List.of("bufer.size"), SettingsParser.SCHEMA.unknownKeys(Map.of("bufer.size", 10,
                "buffer.size", 5, "service.pid", SettingsParser.PID, "felix.fileinstall.filename", "x")));
    }

    private static void assertContains(List<String> errors, String fragment) {
        assertTrue(errors.stream().anyMatch(e -> e.contains(fragment)), "no error contains '" + fragment + "': " + errors);
    }
}
