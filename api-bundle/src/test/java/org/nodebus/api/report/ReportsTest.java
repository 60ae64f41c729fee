package org.nodebus.api.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.HealthCheck;
import org.nodebus.api.event.HealthCheckType;
import org.nodebus.api.event.MaintenanceCompleted;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.MaintenanceType;
import org.nodebus.api.event.ModuleHealth;

class ReportsTest {

    @Test
    void aHealthReportReadsBackAsWrittenInItsOrderEvenWithQuotesAndControlCharactersInIds() {
        Map<String, ModuleReport> modules = new LinkedHashMap<>();
        modules.put("z.last\"quoted", new ModuleReport("1.0.0", ModuleHealth.CRASHED, 1, 2, 3, 4, 10, 3, 2));
        modules.put("a.first\n<tab>\u0001", new ModuleReport("2.0.0.qualifier", ModuleHealth.HEALTHY, 5, 0, 0, 0, 100, 0, 0));
        HealthReport report = new HealthReport(false, modules);
        String json = Reports.toJson(report);
        assertTrue(json.contains("\"z.last\\\"quoted\""), json);
        assertTrue(json.contains("<tab>"), "no HTML escaping: " + json);
        HealthReport read = Reports.healthReport(json);
        assertEquals(report, read);
        assertEquals(List.copyOf(modules.keySet()), List.copyOf(read.modules().keySet()));
    }

    @Test
    void theEventsGiveTheirReportsTyped() {
        HealthReport report = new HealthReport(true, Map.of("m", new ModuleReport("1", ModuleHealth.DEGRADED, 1, 1, 0, 0, 100, 0, 1)));
        assertEquals(Optional.of(report),
                new HealthCheck(HealthCheckType.MANUAL, true, Optional.of(Reports.toJson(report))).report());
        assertEquals(Optional.empty(), new HealthCheck(HealthCheckType.MANUAL, true, Optional.empty()).report());
        MaintenanceResults results = new MaintenanceResults(MaintenanceReason.MANUAL, 7,
                Map.of("a", ModuleOutcome.TIMED_OUT, "b", ModuleOutcome.DROPPED));
        String json = Reports.toJson(results);
        assertTrue(json.contains("\"a\":\"timed out\""), json);
        assertEquals(Optional.of(results),
                new MaintenanceCompleted(MaintenanceType.CLEANUP, false, 3, Optional.of(json)).moduleResults());
    }

    @Test
    void textThatIsNoReportIsRefusedSayingWhy() {
        assertRefused("not a health report", () -> Reports.healthReport("{\"nodeHealthy\":tru"));
        assertRefused("not a health report", () -> Reports.healthReport(""));
        assertRefused("HealthReport.modules", () -> Reports.healthReport("{\"nodeHealthy\":true}"));
        assertRefused("ModuleReport.health",
                () -> Reports.healthReport("{\"nodeHealthy\":true,\"modules\":{\"m\":{\"version\":\"1\",\"health\":\"FINE\"}}}"));
        assertRefused("unknown module outcome \"lost\"",
                () -> Reports.maintenanceResults("{\"reason\":\"MANUAL\",\"targetAgeDays\":1,\"modules\":{\"m\":\"lost\"}}"));
        assertRefused("targetAgeDays must not be negative",
                () -> Reports.maintenanceResults("{\"reason\":\"MANUAL\",\"targetAgeDays\":-1,\"modules\":{}}"));
        assertRefused("not a health report", () -> new HealthCheck(HealthCheckType.MANUAL, true, Optional.of("[1]")).report());
        assertRefused("ModuleReport.queued must not be negative", () -> Reports.healthReport("{\"nodeHealthy\":true,"
                + "\"modules\":{\"m\":{\"version\":\"1\",\"health\":\"HEALTHY\",\"queued\":-1}}}"));
        IllegalArgumentException syntax = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Reports.healthReport("{\"nodeHealthy\":tru"));
        assertTrue(!syntax.getMessage().contains("setStrictness") && !syntax.getMessage().contains("https://"),
                "no advice on Gson's API: " + syntax.getMessage());
    }

    private static void assertRefused(String expected, Runnable read) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read::run);
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    }
}
