package org.nodebus.metrics.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NodeStartupCompleted;
import org.nodebus.eventmanager.config.CrashPolicy;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.nodebus.eventmanager.delivery.DeliveryCore;
import org.nodebus.metrics.view.NodeView;
import org.nodebus.testing.Await;
import org.nodebus.testing.Recorder;

/**
 * The exposition text of a delivery core with known traffic: "slow" hangs in its listener (so its queue of 4
 * fills and further events drop), "failing" throws on every event, "fast" handles everything.
 */
class NodeBusMetricsTest {
    private static final Set<EventType> BLOCKS = Set.of(EventType.NEW_BLOCK);
    // a queue of 4 for "slow"; a listener running past 100 ms counts as stuck
    private final DeliveryCore core = new DeliveryCore(new DeliverySettings(100, Map.of("slow", 4), 3,
            Duration.ofMillis(100), CrashPolicy.STOP, false, Set.of(), 2, 8, Duration.ofMillis(20)));
    private final Recorder slow = new Recorder().hold();

    @AfterEach
    void close() {
        slow.open();
        core.close();
    }

    /** Every sample line of the text, {@code name{labels}} to value; fails on a line it cannot read. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            assertTrue(space > 0, "not a sample line: " + line);
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    private static String text(NodeView view) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, NodeBusMetrics.of(view));
        return out.toString(StandardCharsets.UTF_8);
    }

    private NodeView traffic() throws InterruptedException {
        Recorder fast = new Recorder();
        Recorder failing = new Recorder().throwing(new IllegalStateException("no"));
        core.subscribe("fast", 1, BLOCKS, fast);
        core.subscribe("slow", 2, BLOCKS, slow);
        core.subscribe("failing", 3, BLOCKS, failing);
        core.publish("p", new NewBlock(Hash32.of(new byte[32]), 0));
        slow.awaitEntered();
        for (int i = 1; i <= 9; i++) {
            core.publish("p", new NewBlock(Hash32.of(new byte[32]), i));
        }
        core.publish("node", new NodeStartupCompleted(1500, List.of("fast")));
        Await.until("fast and failing took all 10 blocks", () -> core.snapshot().module("fast").orElseThrow()
                .total().successful() == 10 && core.snapshot().module("failing").orElseThrow().total().failed() == 10
                // the listener time is accounted when the delivery thread reads the clock, just after
                && core.snapshot().module("fast").orElseThrow().listenerTime().events() == 10);
        Await.until("slow's call counts as stuck", () -> core.snapshot().threads().stuck() == 1);
        return new NodeView(core.snapshot(), 3, Map.of("fast", "1.0.0", "slow", "1.2.0", "failing", "1.0.0"), 42.5);
    }

    @Test
    void perModuleCountersAreTheRunningTotalsUnderTheModuleLabel() throws Exception {
        Map<String, Double> m = parse(text(traffic()));
        assertEquals(10.0, m.get("nodebus_events_offered_total{module=\"slow\"}"));
        assertEquals(0.0, m.get("nodebus_events_handled_total{module=\"slow\"}"));
        assertEquals(5.0, m.get("nodebus_events_dropped_total{module=\"slow\"}"), "1 in its listener, 4 queued, 5 dropped");
        assertEquals(5.0, m.get("nodebus_queue_depth_events{module=\"slow\"}"), "4 queued and 1 in its listener");
        assertEquals(4.0, m.get("nodebus_queue_capacity_events{module=\"slow\"}"));
        assertEquals(10.0, m.get("nodebus_events_failed_total{module=\"failing\"}"));
        assertEquals(10.0, m.get("nodebus_consecutive_failures{module=\"failing\"}"));
        assertEquals(10.0, m.get("nodebus_events_handled_total{module=\"fast\"}"));
        assertEquals(0.0, m.get("nodebus_events_dropped_total{module=\"fast\"}"));
        assertEquals(100.0, m.get("nodebus_queue_capacity_events{module=\"fast\"}"));
        assertEquals(10.0, m.get("nodebus_listener_seconds_count{module=\"fast\"}"));
        assertTrue(m.get("nodebus_listener_seconds_sum{module=\"fast\"}") >= 0);
        assertTrue(m.get("nodebus_listener_seconds_max{module=\"failing\"}") >= 0);
    }

    @Test
    void healthIsOneStateSetToOnePerModule() throws Exception {
        Map<String, Double> m = parse(text(traffic()));
        assertEquals(1.0, m.get("nodebus_module_health{module=\"slow\",state=\"UNRESPONSIVE\"}"));
        assertEquals(0.0, m.get("nodebus_module_health{module=\"slow\",state=\"HEALTHY\"}"));
        assertEquals(1.0, m.get("nodebus_module_health{module=\"failing\",state=\"DEGRADED\"}"));
        assertEquals(1.0, m.get("nodebus_module_health{module=\"fast\",state=\"HEALTHY\"}"));
        for (String module : List.of("fast", "slow", "failing")) {
            double sum = m.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("nodebus_module_health{module=\"" + module + "\""))
                    .mapToDouble(Map.Entry::getValue).sum();
            assertEquals(1.0, sum, module + " is in exactly one state");
        }
    }

    @Test
    void nodeMetricsCountPublicationsThreadsAndStartup() throws Exception {
        Map<String, Double> m = parse(text(traffic()));
        assertEquals(10.0, m.get("nodebus_events_published_total{type=\"NewBlock\"}"));
        assertEquals(1.0, m.get("nodebus_events_published_total{type=\"NodeStartupCompleted\"}"));
        assertEquals(0.0, m.get("nodebus_events_published_total{type=\"PeerBanned\"}"), "every type has a series");
        assertEquals(11.0, m.get("nodebus_publish_calls_total"));
        assertEquals(2.0, m.get("nodebus_delivery_threads{kind=\"base\"}"));
        assertEquals(1.0, m.get("nodebus_delivery_threads{kind=\"stuck\"}"));
        assertTrue(m.get("nodebus_delivery_threads{kind=\"current\"}") >= 2.0);
        assertEquals(3.0, m.get("nodebus_modules_loaded"));
        assertEquals(42.5, m.get("nodebus_uptime_seconds"));
        assertEquals(1.5, m.get("nodebus_startup_duration_seconds"));
    }

    @Test
    void aModuleThatIsGoneHasNoSeriesAndTheTextIsTyped() throws Exception {
        traffic();
        core.forget("failing", 3);
        String text = text(new NodeView(core.snapshot(), 2, Map.of(), 1));
        assertFalse(text.contains("module=\"failing\""), text);
        assertTrue(text.contains("module=\"fast\""));
        assertTrue(text.contains("# TYPE nodebus_events_dropped_total counter"), text);
        assertTrue(text.contains("# TYPE nodebus_listener_seconds summary"), text);
        assertTrue(text.contains("# HELP nodebus_events_dropped_total "), text);
    }

    @Test
    void noStartupYetMeansNoStartupSeries() throws Exception {
        String text = text(new NodeView(core.snapshot(), 0, Map.of(), 1));
        assertFalse(text.contains("nodebus_startup_duration_seconds"), text);
        assertTrue(text.contains("nodebus_publish_calls_total 0"), text);
    }

    @Test
    void durableSubscriptionsHaveSeriesOnceTheyExist() throws Exception {
        org.nodebus.api.DurableInfo audit = new org.nodebus.api.DurableInfo("audit", "trail",
                java.util.Set.of(org.nodebus.api.event.EventType.NEW_BLOCK), java.util.Optional.empty(), true, 40, 7, 40, 3);
        String text = text(new NodeView(core.snapshot(), 1, Map.of(), 1, java.util.List.of(audit)));
        assertTrue(text.contains("nodebus_durable_lag_events{module=\"audit\",name=\"trail\"} 7.0"), text);
        assertTrue(text.contains("nodebus_durable_lost_events_total{module=\"audit\",name=\"trail\"} 3.0"), text);
        String none = text(new NodeView(core.snapshot(), 0, Map.of(), 1));
        assertFalse(none.contains("nodebus_durable"), none);
    }
}
