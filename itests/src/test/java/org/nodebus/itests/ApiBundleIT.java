package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.nodebus.api.event.EventType;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The API bundle resolves in Felix 7 and exports its packages at their versions: {@code org.nodebus.api.event}
 * 1.0.0, {@code org.nodebus.api} 1.1.0 (1.0.0 plus publish-and-await).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiBundleIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(NodeBusOptions.apiOnly());
    }

    private Bundle apiBundle() {
        Bundle api = Arrays.stream(context.getBundles())
                .filter(b -> "org.nodebus.api".equals(b.getSymbolicName())).findFirst().orElse(null);
        assertNotNull("org.nodebus.api is not installed", api);
        return api;
    }

    @Test
    public void theApiBundleIsActive() {
        assertEquals(Bundle.ACTIVE, apiBundle().getState());
    }

    @Test
    public void itExportsEveryApiPackageAtItsVersion() {
        BundleWiring wiring = apiBundle().adapt(BundleWiring.class);
        assertNotNull("org.nodebus.api did not resolve", wiring);
        List<BundleCapability> exports = wiring.getCapabilities("osgi.wiring.package");
        Map<String, Version> expected = Map.of("org.nodebus.api", new Version(1, 2, 0),
                "org.nodebus.api.event", new Version(1, 1, 0), "org.nodebus.api.report", new Version(1, 0, 0));
        for (String pkg : expected.keySet()) {
            BundleCapability export = exports.stream()
                    .filter(c -> pkg.equals(c.getAttributes().get("osgi.wiring.package"))).findFirst()
                    .orElseThrow(() -> new AssertionError(pkg + " is not exported; exports are "
                            + exports.stream().map(c -> c.getAttributes().get("osgi.wiring.package"))
                                    .collect(Collectors.toList())));
            assertEquals(pkg, expected.get(pkg), export.getAttributes().get("version"));
        }
    }

    @Test
    public void theReportsReadWithTheGsonBundleInsideTheFramework() {
        org.nodebus.api.report.HealthReport report = new org.nodebus.api.report.HealthReport(true, Map.of("m",
                new org.nodebus.api.report.ModuleReport("1.0.0", org.nodebus.api.event.ModuleHealth.HEALTHY, 1, 0, 0, 0, 100, 0, 0)));
        assertEquals(report, org.nodebus.api.report.Reports.healthReport(org.nodebus.api.report.Reports.toJson(report)));
        Bundle gson = org.osgi.framework.FrameworkUtil.getBundle(com.google.gson.Gson.class);
        assertNotNull("Gson comes from the class path, not from its bundle", gson);
        assertEquals("com.google.gson", gson.getSymbolicName());
    }

    @Test
    public void theTestProbeSeesTheApiThroughTheFramework() {
        // the probe imports the API from the bundle, not from the test class path
        assertEquals(apiBundle(), org.osgi.framework.FrameworkUtil.getBundle(EventType.class));
        assertTrue(EventType.NODE_SHUTDOWN.isReserved());
    }
}
