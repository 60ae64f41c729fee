package org.nodebus.benchmarks.candidates;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import org.nodebus.api.DeliveryStats;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.nodebus.benchmarks.osgi.EmbeddedFramework;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The real EventManager in an embedded Felix framework: module bundles subscribe through the whiteboard. With
 * {@code -Dnodebus.bench.scrape.ms=N} a reader takes a {@code DeliveryMonitor} snapshot every N ms while the
 * benchmark runs, as the metrics bundle does for each scrape, JMX refresh and Web Console page refresh.
 */
public final class NodeBusCandidate implements Candidate {
    private static final int PAYLOADS = 1024;

    private final EmbeddedFramework framework;
    private final EventPublisher publisher;
    private final EventManager manager;
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    /** Longs between two subscribers' counters: each on cache lines of its own. */
    private static final int STRIDE = 16;
    /**
     * Each subscriber's deliveries, written by its module's serial executor only (one turn at a time), so a
     * plain add and a release store, as the other candidates' handlers count: no atomic per delivery.
     */
    private final long[] counts;
    private final NewBlock[] payloads = new NewBlock[PAYLOADS];
    private final List<String> modules = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String hung;
    private final Thread scraper;
    private final LongAdder snapshots = new LongAdder();

    private final boolean stamped;
    private final Hash32 hash = Hash32.of(new byte[32]);

    /**
     * @param sink told of each delivery with the value it was published with (as the block's height), or
     *        {@code null}
     */
    public NodeBusCandidate(int subscribers, int capacity, LatencySink sink) throws Exception {
        this(subscribers, capacity, sink, 0, "", false);
    }

    /** NodeBus whose subscribers are plain, or all durable (each reads its events from the journal). */
    public static NodeBusCandidate durable(int subscribers, int capacity) throws Exception {
        return new NodeBusCandidate(subscribers, capacity, null, 0, "", true);
    }

    /**
     * @param filtered how many of the subscribers (the first ones) have a filter
     * @param filter their filter over NewBlock's fields
     */
    public NodeBusCandidate(int subscribers, int capacity, LatencySink sink, int filtered, String filter)
            throws Exception {
        this(subscribers, capacity, sink, filtered, filter, false);
    }

    private NodeBusCandidate(int subscribers, int capacity, LatencySink sink, int filtered, String filter,
            boolean durable) throws Exception {
        stamped = sink != null;
        counts = new long[(subscribers + 1) * STRIDE];
        framework = EmbeddedFramework.start(true, Map.of());
        // a durable run's journal hand-over holds an invocation's 100,000 events: the publisher's cost is measured,
        // not the losses of a writer slower than a publisher that never waits
        framework.configure("org.nodebus.eventmanager", durable
                ? Map.of("buffer.size", capacity, "eventadmin.bridge", false, "journal.queue.size", 1 << 20)
                : Map.of("buffer.size", capacity, "eventadmin.bridge", false));
        for (int i = 0; i < PAYLOADS; i++) {
            payloads[i] = new NewBlock(hash, i);
        }
        Bundle publisherModule = framework.startModule("bench.publisher");
        publisher = framework.service(publisherModule.getBundleContext(), EventPublisher.class);
        manager = framework.service(publisherModule.getBundleContext(), EventManager.class);
        for (int s = 0; s < subscribers; s++) {
            String id = "bench.s" + s;
            int index = s;
            Map<String, Object> properties = durable ? Map.of(org.nodebus.api.EventSubscriber.DURABLE_PROPERTY, "bench")
                    : s < filtered ? Map.of(org.nodebus.api.EventSubscriber.FILTER_PROPERTY, filter) : Map.of();
            framework.startSubscriber(id, EventType.NEW_BLOCK, event -> {
                if (sink != null) {
                    sink.delivered(index, ((NewBlock) event.payload()).height());
                }
                if (id.equals(hung)) {
                    awaitRelease();
                }
                int at = (index + 1) * STRIDE;
                COUNT.setRelease(counts, at, (long) COUNT.get(counts, at) + 1);
            }, properties);
            modules.add(id);
        }
        scraper = scraper(Long.getLong("nodebus.bench.scrape.ms", 0));
        // the EventManager's own event history subscribes too
        EmbeddedFramework.await(() -> manager.getSubscribers(EventType.NEW_BLOCK).containsAll(modules));
        String expected = "/" + capacity;
        EmbeddedFramework.await(() -> {
            try {
                return framework.command("nodebus:stats bench.s0").contains(expected);
            } catch (Exception e) {
                return false;
            }
        });
    }

    /**
     * The snapshot reader, or null. By reflection and through {@code getAllServiceReferences}: the benchmark jar
     * holds its own copy of the SPI classes, so the framework would hide the bundle's service from a plain lookup.
     */
    private Thread scraper(long everyMillis) throws Exception {
        if (everyMillis <= 0) {
            return null;
        }
        String spi = "org.nodebus.eventmanager.spi.DeliveryMonitor";
        EmbeddedFramework.await(() -> allReferences(spi) != null);
        ServiceReference<?> ref = allReferences(spi)[0]; // the one EventManager's
        Object monitor = framework.context().getService(ref);
        Method snapshot = ref.getBundle().loadClass(spi).getMethod("snapshot");
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    snapshot.invoke(monitor);
                    snapshots.increment();
                    Thread.sleep(everyMillis); // the reading's interval, as a scraper's: nothing to wait for
                } catch (InterruptedException e) {
                    return;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("the snapshot failed: " + e.getCause(), e);
                }
            }
        }, "bench-scraper");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private ServiceReference<?>[] allReferences(String className) {
        try {
            return framework.context().getAllServiceReferences(className, null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void publish(long i) {
        publisher.publish(stamped ? new NewBlock(hash, i) : payloads[(int) (i & (PAYLOADS - 1))]);
    }

    @Override
    public long delivered() {
        long sum = 0;
        for (int at = STRIDE; at < counts.length; at += STRIDE) {
            sum += (long) COUNT.getVolatile(counts, at);
        }
        return sum;
    }

    @Override
    public long dropped() {
        long drops = 0;
        for (Map.Entry<String, DeliveryStats> e : manager.getAllDeliveryStats().entrySet()) {
            if (e.getKey().startsWith("bench.s")) {
                drops += e.getValue().channelFull();
            }
        }
        return drops;
    }

    @Override
    public void hangOne() {
        hung = modules.get(0);
    }

    /** Waits until every subscriber but a hung one has an empty queue. */
    public void awaitDrained() {
        EmbeddedFramework.await(() -> manager.getAllDeliveryStats().entrySet().stream()
                .filter(e -> e.getKey().startsWith("bench.s") && !e.getKey().equals(hung))
                .allMatch(e -> e.getValue().queued() == 0));
    }

    @Override
    public void close() throws Exception {
        if (scraper != null) {
            scraper.interrupt();
            scraper.join();
            System.out.printf("# %,d snapshots taken during the trial%n", snapshots.sum());
        }
        release.countDown();
        framework.close();
    }
}
