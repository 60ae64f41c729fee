package org.nodebus.benchmarks;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.benchmarks.osgi.EmbeddedFramework;
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
import org.osgi.framework.Bundle;

/**
 * {@code GET /metrics} as Prometheus does it, over HTTP: a Felix framework with the EventManager, the metrics
 * bundle on Felix HTTP (Jetty 12) and the Web Console, as the distribution runs them, and 1,000 module
 * bundles subscribed through the whiteboard, each of which has handled events. Measures the whole answer,
 * read to its end.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HttpScrapeBenchmark {

    @State(Scope.Benchmark)
    public static class Node {
        @Param({"1000"})
        public int modules;

        EmbeddedFramework framework;
        HttpClient client;
        HttpRequest request;

        @Setup(Level.Trial)
        public void start() throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            framework = EmbeddedFramework.start(true, Map.of("org.apache.felix.http.enable", "true",
                    "org.apache.felix.http.host", "127.0.0.1", "org.osgi.service.http.port", String.valueOf(port),
                    "felix.webconsole.security.providers", "nodebus"));
            framework.installAndStart("prometheus-metrics-model", "prometheus-metrics-config",
                    "prometheus-metrics-exposition-textformats", "jsr305", "org.apache.felix.http.servlet-api",
                    "org.apache.felix.http.jetty12", "commons-fileupload", "commons-io", "org.apache.felix.inventory",
                    "encoder", "org.apache.felix.webconsole", "org.nodebus.metrics");
            Bundle publisherModule = framework.startModule("bench.publisher");
            EventPublisher publisher = framework.service(publisherModule.getBundleContext(), EventPublisher.class);
            EventManager manager = framework.service(publisherModule.getBundleContext(), EventManager.class);
            LongAdder delivered = new LongAdder();
            for (int i = 0; i < modules; i++) {
                framework.startSubscriber("bench.m" + i, EventType.NEW_BLOCK, event -> delivered.increment());
            }
            EmbeddedFramework.await(() -> manager.getSubscribers(EventType.NEW_BLOCK).size() >= modules);
            for (int height = 0; height < 10; height++) {
                publisher.publish(new NewBlock(Hash32.of(new byte[32]), height));
            }
            EmbeddedFramework.await(() -> delivered.sum() == 10L * modules);
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).build();
            EmbeddedFramework.await(() -> {
                try {
                    return client.send(request, HttpResponse.BodyHandlers.ofString()).body()
                            .contains("module=\"bench.m" + (modules - 1) + "\"");
                } catch (Exception e) {
                    return false;
                }
            });
            String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf("# the answer: %,d bytes, %,d lines%n", body.length(), body.lines().count());
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            framework.close();
        }
    }

    @Benchmark
    public int scrape(Node node) throws Exception {
        HttpResponse<byte[]> response = node.client.send(node.request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode());
        }
        return response.body().length;
    }
}
