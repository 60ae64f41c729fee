package org.nodebus.janitor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JanitorSettingsParserTest {

    @Test
    void valuesApplyTypedOrAsText() {
        JanitorSettingsParser.Result r = JanitorSettingsParser.parse(Map.of("shutdown.timeout.seconds", "5",
                "maintenance.interval.seconds", 3600L, "disk.free.threshold.percent", "12.5", "data.dir", "/var/node"),
                JanitorSettingsParser.DEFAULTS);
        assertEquals(List.of(), r.errors());
        assertEquals(Duration.ofSeconds(5), r.settings().shutdownTimeout());
        assertEquals(Duration.ofHours(1), r.settings().maintenanceInterval());
        assertEquals(12.5, r.settings().diskFreeThresholdPercent());
        assertEquals("/var/node", r.settings().dataDir());
        assertEquals(30, r.settings().maintenanceTargetAgeDays());
    }

    @Test
    void badValuesAreRefusedAndTheOldValuesStay() {
        JanitorSettingsParser.Result r = JanitorSettingsParser.parse(Map.of("shutdown.timeout.seconds", 0,
                "disk.free.threshold.percent", "150", "health.interval.seconds", "often", "data.dir", "  "),
                JanitorSettingsParser.DEFAULTS);
        assertEquals(JanitorSettings.defaults(), r.settings());
        assertEquals(4, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().contains("shutdown.timeout.seconds=0 refused: must be a whole number from 1 to 3600; keeping 30"),
                r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("disk.free.threshold.percent=150 refused: must be a number from 0.01 to 100")));
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("health.interval.seconds=often refused")));
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("data.dir=   refused: must be a directory path")));
    }

    @Test
    void theRangesTheMetatypeShowsAreTheOnesEnforced() {
        JanitorSettingsParser.Result r = JanitorSettingsParser.parse(Map.of("maintenance.interval.seconds", 31_536_001L,
                "health.interval.seconds", 86_401), JanitorSettingsParser.DEFAULTS);
        assertEquals(List.of("maintenance.interval.seconds=31536001 refused: must be a whole number from 1 to 31536000; keeping 86400",
                "health.interval.seconds=86401 refused: must be a whole number from 1 to 86400; keeping 300"), r.errors());
        for (org.nodebus.internal.config.Attribute a : JanitorSettingsParser.SCHEMA.attributes()) {
            if (!a.type().equals("String")) {
                assertTrue(a.min().isPresent() && a.max().isPresent(), a.key() + " declares no range in the metatype");
            }
        }
        assertEquals(Duration.ofDays(1), JanitorSettings.defaults().maintenanceInterval());
        assertEquals("data", JanitorSettings.defaults().dataDir());
    }
}
