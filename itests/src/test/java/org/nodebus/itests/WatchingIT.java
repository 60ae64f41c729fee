package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.Test;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.testing.Await;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The metrics bundle in Felix with Felix HTTP on a free port: the Prometheus scrape says exactly what
 * {@code getAllDeliveryStats()} says at a quiet moment, a module's series and MBean go with it, and the MBeans
 * answer through the platform MBean server.
 */
@ExamReactorStrategy(PerClass.class)
public class WatchingIT extends NodeBusTest {
    /** Chosen where the options are made; the probe is loaded again in the framework, so it reads it back. */
    private static final int PORT = freePort();
    private static final String PORT_PROPERTY = "org.osgi.service.http.port";
    private static final String A = "org.nodebus.it.watch.a";
    private static final String B = "org.nodebus.it.watch.b";

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for HTTP: " + e, e);
        }
    }

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            NodeBusOptions.containerBundle("prometheus-metrics-config"),
            NodeBusOptions.containerBundle("prometheus-metrics-model"),
            NodeBusOptions.containerBundle("prometheus-metrics-exposition-textformats"),
            NodeBusOptions.containerBundle("jsr305"),
            NodeBusOptions.containerBundle("org.apache.felix.http.servlet-api"),
            NodeBusOptions.containerBundle("commons-io"),
            NodeBusOptions.containerBundle("commons-fileupload"),
            NodeBusOptions.containerBundle("org.apache.felix.http.jetty12"),
            NodeBusOptions.containerBundle("org.apache.felix.inventory"),
            NodeBusOptions.containerBundle("encoder"),
            NodeBusOptions.containerBundle("org.apache.felix.webconsole"),
            NodeBusOptions.reactorBundle("metrics"),
            frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
            frameworkProperty(PORT_PROPERTY).value(String.valueOf(PORT)),
            frameworkProperty("felix.webconsole.security.providers").value("nodebus"),
        };
    }

    private String scrape() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(base() + "/metrics").openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(10000);
        if (connection.getResponseCode() != 200) {
            throw new IOException("/metrics answered " + connection.getResponseCode());
        }
        assertTrue(connection.getContentType(), connection.getContentType().startsWith("text/plain; version=0.0.4"));
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + context.getProperty(PORT_PROPERTY);
    }

    private static volatile String lastAnswer = "none";

    private String scrapeOrEmpty() {
        try {
            return scrape();
        } catch (IOException e) {
            lastAnswer = e.toString();
            return "";
        }
    }

    /** The sample lines of the exposition text, {@code name{labels}} to value. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static double value(Map<String, Double> samples, String metric, String module) {
        Double v = samples.get(metric + "{module=\"" + module + "\"}");
        if (v == null) {
            throw new AssertionError("no " + metric + " for " + module + " in " + samples.keySet());
        }
        return v;
    }

    /** The bundles that are not active, with their state, for a failure message. */
    private Object notActive() {
        Map<String, Integer> states = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE && bundle.getHeaders().get("Fragment-Host") == null) {
                states.put(bundle.getSymbolicName(), bundle.getState());
            }
        }
        return "bundles not active (state): " + states + "; last answer: " + lastAnswer;
    }

    private static Object attribute(MBeanServer server, ObjectName name, String attribute) {
        try {
            return server.getAttribute(name, attribute);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + attribute + " of " + name + ": " + e, e);
        }
    }

    private boolean quiet() {
        return eventManager.getAllDeliveryStats().values().stream().allMatch(s -> s.queued() == 0);
    }

    @Test
    public void theScrapeMatchesTheStatisticsExactlyAndAGoneModuleLeavesNoSeriesNoMBean() throws Exception {
        Bundle a = TestModules.start(context, TestModules.recordingModule(A, "1.0.0", EventType.NEW_BLOCK));
        Bundle b = TestModules.start(context, TestModules.recordingModule(B, "2.0.0", EventType.NEW_BLOCK));
        Await.until("both subscribed", () -> eventManager.getDeliveryStats(A).isPresent()
                && eventManager.getDeliveryStats(B).isPresent());
        for (int height = 1; height <= 7; height++) {
            publisher.publish(new NewBlock(Hash32.of(new byte[32]), height));
        }
        Await.until("both handled 7 blocks", () -> eventManager.getDeliveryStats(A).orElseThrow().successful() == 7
                && eventManager.getDeliveryStats(B).orElseThrow().successful() == 7);
        Await.until("HTTP serves /metrics", () -> !scrapeOrEmpty().isEmpty(), this::notActive);
        Await.until("a quiet moment", this::quiet);

        Map<String, DeliveryStats> before = eventManager.getAllDeliveryStats();
        Map<String, Double> samples = samples(scrape());
        assertEquals("nothing moved during the scrape", before, eventManager.getAllDeliveryStats());
        for (Map.Entry<String, DeliveryStats> module : before.entrySet()) {
            String id = module.getKey();
            DeliveryStats stats = module.getValue();
            assertEquals(id, stats.offered(), value(samples, "nodebus_events_offered_total", id), 0);
            assertEquals(id, stats.successful(), value(samples, "nodebus_events_handled_total", id), 0);
            assertEquals(id, stats.failed(), value(samples, "nodebus_events_failed_total", id), 0);
            assertEquals(id, stats.channelFull(), value(samples, "nodebus_events_dropped_total", id), 0);
            assertEquals(id, stats.queued(), value(samples, "nodebus_queue_depth_events", id), 0);
            assertEquals(id, eventManager.getQueueCapacity(id), value(samples, "nodebus_queue_capacity_events", id), 0);
        }
        // the listener time is accounted when the delivery thread next reads its clock, just after the delivery
        Await.until("A's 7 deliveries are timed",
                () -> Double.valueOf(7.0).equals(samples(scrapeOrEmpty())
                        .get("nodebus_listener_seconds_count{module=\"" + A + "\"}")));
        assertEquals(1.0, samples.get("nodebus_module_health{module=\"" + A + "\",state=\"HEALTHY\"}"), 0);
        assertTrue(samples.get("nodebus_events_published_total{type=\"NewBlock\"}") >= 7);
        assertEquals(eventManager.getLoadedModules().size(), samples.get("nodebus_modules_loaded"), 0);

        // JMX: the same figures, and the operator's reset
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName nameA = new ObjectName("org.nodebus:type=Module,name=" + A);
        ObjectName nameB = new ObjectName("org.nodebus:type=Module,name=" + B);
        Await.until("both MBeans are registered", () -> server.isRegistered(nameA) && server.isRegistered(nameB));
        // the MBeans share one snapshot for up to 250 ms (JConsole reads every attribute with a call of its own)
        Await.until("A's MBean shows 7 handled", () -> attribute(server, nameA, "Handled").equals(7L));
        assertEquals("2.0.0", server.getAttribute(nameB, "Version"));
        assertEquals("HEALTHY", server.getAttribute(nameA, "Health"));
        assertEquals(100, server.getAttribute(nameA, "QueueCapacity"));
        server.invoke(nameA, "resetStatistics", new Object[0], new String[0]);
        assertEquals(DeliveryStats.ZERO, eventManager.getDeliveryStats(A).orElseThrow());
        assertEquals(0L, server.getAttribute(nameA, "Handled"));
        assertEquals(7L, server.getAttribute(nameA, "HandledTotal"));
        assertEquals("Prometheus counters do not go back on a reset", 7.0,
                value(samples(scrape()), "nodebus_events_handled_total", A), 0);
        ObjectName node = new ObjectName("org.nodebus:type=Node");
        assertTrue((Long) server.getAttribute(node, "PublishCalls") >= 7);
        assertEquals(eventManager.getLoadedModules().size(), server.getAttribute(node, "ModulesLoaded"));

        b.uninstall();
        Await.until("B's series are gone", () -> {
            String text = scrapeOrEmpty();
            return !text.isEmpty() && !text.contains("module=\"" + B + "\"");
        });
        assertTrue(scrape().contains("nodebus_events_handled_total{module=\"" + A + "\"}"));
        Await.until("B's MBean is gone", () -> !server.isRegistered(nameB));
        assertTrue(server.isRegistered(nameA));
        a.uninstall();
        Await.until("A's MBean is gone", () -> !server.isRegistered(nameA));
    }

    @Test
    public void withoutAnAccountTheWebConsoleDoesNotStartAndWithOneItAsksForIt() throws Exception {
        Await.until("HTTP serves /metrics", () -> !scrapeOrEmpty().isEmpty(), this::notActive);
        HttpURLConnection console = (HttpURLConnection) new URL(base() + "/system/console/nodebus")
                .openConnection();
        assertEquals("no account: no console (not admin/admin)", 404, console.getResponseCode());
        configure("org.nodebus.webconsole", "username", "operator", "password", "secret");
        Await.until("the console asks for the account", () -> status("/system/console/nodebus/data.json") == 401);
        configure("org.nodebus.webconsole", "username", "", "password", "");
        Await.until("the console is gone again", () -> status("/system/console/nodebus/data.json") == 404);
        assertFalse(scrape().isEmpty());
    }

    private int status(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(base() + path).openConnection();
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
