package org.nodebus.sample.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.nodebus.api.event.ModuleCrashed;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.ModuleHealthChanged;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.ModuleReloaded;
import org.nodebus.api.event.ModuleUnloaded;
import org.nodebus.api.event.NodeShutdown;
import org.nodebus.api.event.ShutdownReason;

class ModuleLandscapeTest {

    @Test
    void followsModulesThroughTheirLifecycle() {
        ModuleLandscape landscape = new ModuleLandscape();
        landscape.apply(new ModuleLoaded("b", "1.0.0"));
        landscape.apply(new ModuleLoaded("a", "2.0.0"));
        assertEquals("[a 2.0.0 HEALTHY, b 1.0.0 HEALTHY]", landscape.toString());
        landscape.apply(new ModuleReloaded("b", "1.0.0", "1.1.0"));
        landscape.apply(new ModuleHealthChanged("a", ModuleHealth.HEALTHY, ModuleHealth.DEGRADED));
        assertEquals("[a 2.0.0 DEGRADED, b 1.1.0 HEALTHY]", landscape.toString());
        landscape.apply(new ModuleCrashed("b", "boom"));
        landscape.apply(new ModuleUnloaded("a", "2.0.0"));
        assertEquals("[b 1.1.0 CRASHED]", landscape.toString());
        assertFalse(landscape.apply(new NodeShutdown(ShutdownReason.GRACEFUL, 1)));
        assertFalse(landscape.apply(new ModuleHealthChanged("ghost", ModuleHealth.HEALTHY, ModuleHealth.DEGRADED)));
        assertEquals(1, landscape.size());
    }
}
