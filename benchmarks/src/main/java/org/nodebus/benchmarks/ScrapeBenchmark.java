package org.nodebus.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.benchmarks.osgi.EmbeddedFramework;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.nodebus.eventmanager.delivery.DeliveryCore;
import org.nodebus.metrics.prometheus.NodeBusMetrics;
import org.nodebus.metrics.view.NodeView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@code GET /metrics} does for a node with 1,000 modules, without the HTTP round trip: one
 * {@code DeliveryMonitor} snapshot of the delivery core, the Prometheus snapshots made from it and the text
 * exposition written out. Every module has handled events, so each has listener times and all its series.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScrapeBenchmark {

    @State(Scope.Benchmark)
    public static class Node {
        @Param({"1000"})
        public int modules;

        DeliveryCore core;
        Map<String, String> versions;
        final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

        @Setup(Level.Trial)
        public void start() {
            core = new DeliveryCore(DeliverySettings.defaults());
            versions = new HashMap<>();
            LongAdder delivered = new LongAdder();
            for (int i = 0; i < modules; i++) {
                core.subscribe("module." + i, i, Set.of(EventType.NEW_BLOCK), e -> delivered.increment());
                versions.put("module." + i, "1.0." + i);
            }
            for (int height = 0; height < 10; height++) {
                core.publish("bench", new NewBlock(Hash32.of(new byte[32]), height));
            }
            EmbeddedFramework.await(() -> delivered.sum() == 10L * modules);
            try {
                String text = scrapeOnce(this).toString(java.nio.charset.StandardCharsets.UTF_8);
                System.out.printf("# the answer: %,d bytes, %,d lines%n", text.length(), text.lines().count());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            core.close();
        }
    }

    static ByteArrayOutputStream scrapeOnce(Node node) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        NodeView view = new NodeView(node.core.snapshot(), node.modules, node.versions, 1.0);
        node.writer.write(out, NodeBusMetrics.of(view));
        return out;
    }

    @Benchmark
    public int scrape(Node node) throws IOException {
        return scrapeOnce(node).size();
    }
}
