package org.nodebus.internal.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    @interface Sample {
        int queue_size() default 5;

        String[] names() default {"a", "b"};

        String mode() default "fast";

        double ratio() default 1.0;

        boolean on() default true;

        int threads();

        long under__score() default 7;
    }

    @interface Drifted {
        int queue_size() default 5;

        int renamed() default 1;
    }

    private static final ConfigSchema<Sample> SCHEMA = ConfigSchema.of(Sample.class, "test.schema")
            .check("names", "names without spaces", v -> List.of((String[]) v).stream().noneMatch(n -> n.contains(" ")));

    @Test
    void theDefaultsComeFromTheMetatypeAndReadThroughTheInterface() {
        Sample s = SCHEMA.defaults().typed();
        assertEquals(5, s.queue_size());
        assertArrayEquals(new String[] {"a", "b"}, s.names());
        assertEquals("fast", s.mode());
        assertEquals(1.0, s.ratio());
        assertTrue(s.on());
        assertEquals(0, s.threads(), "no default: the component computes it");
        assertEquals(7L, s.under__score());
    }

    @Test
    void valuesApplyTypedOrAsTextAndAbsentKeysKeepThePreviousValue() {
        ConfigSchema.Parsed<Sample> first = SCHEMA.parse(Map.of("queue.size", " 9 ", "mode", "SAFE", "ratio", 2,
                "on", "False", "names", "x, y", "under_score", 8), SCHEMA.defaults());
        assertEquals(List.of(), first.errors());
        ConfigSchema.Parsed<Sample> second = SCHEMA.parse(Map.of("threads", 3L), first.values());
        Sample s = second.values().typed();
        assertEquals(9, s.queue_size());
        assertEquals("safe", s.mode());
        assertEquals(2.0, s.ratio());
        assertEquals(false, s.on());
        assertArrayEquals(new String[] {"x", "y"}, s.names());
        assertEquals(3, s.threads());
        assertEquals(8L, s.under__score());
    }

    @Test
    void eachBadValueIsRefusedAloneSayingWhatIsValid() {
        ConfigSchema.Parsed<Sample> p = SCHEMA.parse(Map.of("queue.size", 11, "mode", "reckless", "ratio", "NaN",
                "on", "yes", "names", new String[] {"ok", "not ok"}, "threads", 2), SCHEMA.defaults());
        assertEquals(List.of(
                "queue.size=11 refused: must be a whole number from 1 to 10; keeping 5",
                "names=[ok, not ok] refused: must be names without spaces; keeping [a, b]",
                "mode=reckless refused: must be one of: fast, safe; keeping fast",
                "ratio=NaN refused: must be a number from 0.5 to 2; keeping 1.0",
                "on=yes refused: must be true or false; keeping true"), p.errors());
        assertEquals(2, p.values().typed().threads(), "the good key applies");
        assertEquals(5, p.values().typed().queue_size());
        ConfigSchema.Parsed<Sample> rule = p.refuse("threads", "must be at most 1 here", 1);
        assertEquals("threads=2 refused: must be at most 1 here; keeping 1", rule.errors().get(5));
        assertEquals(1, rule.values().typed().threads());
    }

    @Test
    void unknownKeysAreNamedAndFrameworkKeysAreNot() {
        assertEquals(List.of("queue.sise"), SCHEMA.unknownKeys(Map.of("queue.sise", 3, "queue.size", 3,
                "service.pid", "test.schema", "felix.fileinstall.filename", "file:x.cfg", "component.id", 4L, "nodebus.subscribe.to", "NEW_BLOCK")));
    }

    @Test
    void anInterfaceThatDriftedFromItsMetatypeIsRefusedAtOnce() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ConfigSchema.of(Drifted.class, "test.drifted"));
        assertTrue(e.getMessage().contains("renamed"), e.getMessage());
        assertTrue(assertThrows(IllegalStateException.class, () -> ConfigSchema.of(Drifted.class, "test.none"))
                .getMessage().contains("OSGI-INF/metatype/test.none.xml is missing"));
    }

    @Test
    void methodNamesBecomeKeysAsDeclarativeServicesMapsThem() {
        assertEquals("buffer.size", ConfigSchema.key("buffer_size"));
        assertEquals("under_score", ConfigSchema.key("under__score"));
        assertEquals("a-b", ConfigSchema.key("a$_$b"));
        assertEquals("a$b", ConfigSchema.key("a$$b"));
        assertEquals("ab", ConfigSchema.key("a$b"));
    }
}
