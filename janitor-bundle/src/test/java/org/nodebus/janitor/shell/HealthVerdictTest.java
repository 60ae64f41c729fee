package org.nodebus.janitor.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.report.HealthReport;
import org.nodebus.api.report.ModuleReport;

class HealthVerdictTest {

    @Test
    void anUnhealthyNodeSaysWhichModulesMakeItSo() {
        Map<String, ModuleReport> modules = new LinkedHashMap<>();
        modules.put("org.example.fine", new ModuleReport("1.0.0", ModuleHealth.HEALTHY, 10, 0, 0, 0, 100, 0, 0));
        modules.put("org.example.slow", new ModuleReport("1.0.0", ModuleHealth.HEALTHY, 10, 0, 22, 100, 100, 22, 0));
        modules.put("org.example.broken", new ModuleReport("1.0.0", ModuleHealth.DEGRADED, 1, 5, 0, 0, 100, 0, 5));
        assertEquals("Node is UNHEALTHY: org.example.slow dropped 22 event(s), org.example.broken is DEGRADED",
                JanitorCommands.verdict(false, new HealthReport(false, modules)));
        assertEquals("Node is healthy (every module HEALTHY and none dropping events)",
                JanitorCommands.verdict(true, new HealthReport(true, Map.of())));
    }
}
