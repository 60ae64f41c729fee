package org.nodebus.metrics.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.eventmanager.spi.DeliverySnapshot;
import org.nodebus.eventmanager.spi.DeliveryThreads;
import org.nodebus.eventmanager.spi.ModuleDelivery;
import org.nodebus.metrics.view.NodeView;

/**
 * The node's Prometheus metrics, built from one {@link NodeView}: every series of one scrape comes from the
 * same snapshot, and a module that is gone has no series (nothing is registered, so nothing is left behind).
 *
 * <p>Counters are the modules' running totals, which a reset does not touch ({@code nodebus:reset} zeroes
 * what the shell and the Web Console show, not what Prometheus graphs). The names carry their unit; the
 * text format adds {@code _total} to counters.
 */
public final class NodeBusMetrics {
    /** The label naming a module (its Bundle-SymbolicName). */
    public static final String MODULE = "module";

    private NodeBusMetrics() {
    }

    /**
     * Builds the metrics of one scrape.
     *
     * @param view the node now
     * @return every NodeBus metric
     */
    public static MetricSnapshots of(NodeView view) {
        DeliverySnapshot delivery = view.delivery();
        List<ModuleDelivery> modules = delivery.modules();
        List<MetricSnapshot> metrics = new ArrayList<>();
        metrics.add(perModuleCounter("nodebus_events_offered", "Events offered to the module's queue", modules,
                m -> m.total().offered()));
        metrics.add(perModuleCounter("nodebus_events_handled", "Events the module's listeners handled", modules,
                m -> m.total().successful()));
        metrics.add(perModuleCounter("nodebus_events_failed", "Events a listener of the module threw on", modules,
                m -> m.total().failed()));
        metrics.add(perModuleCounter("nodebus_events_dropped",
                "Events dropped because the module's queue was full (channelFull)", modules,
                m -> m.total().channelFull()));
        metrics.add(perModuleCounter("nodebus_events_filtered",
                "Events of the module's types that none of its listeners' filters matched: never offered", modules,
                m -> m.total().filtered()));
        metrics.add(perModuleGauge("nodebus_queue_depth_events",
                "Events the module accepted and has not finished: in its queue or in its listener now", modules,
                m -> m.total().queued()));
        metrics.add(perModuleGauge("nodebus_queue_capacity_events", "How many events the module's queue holds",
                modules, ModuleDelivery::queueCapacity));
        metrics.add(health(modules));
        metrics.add(listenerTime(modules));
        metrics.add(perModuleGauge("nodebus_listener_seconds_max",
                "The longest delivery to the module's listeners timed singly (the first of a run, one in 16 after "
                        + "it, every one longer than the delivery watchdog's period) in the last one to two minutes",
                modules, m -> m.listenerTime().recentMaxSeconds()));
        metrics.add(perModuleGauge("nodebus_consecutive_failures", "Listener failures in a row (0 after a success)",
                modules, ModuleDelivery::consecutiveFailures));
        metrics.add(published(delivery.publishedByType()));
        metrics.add(threads(delivery.threads()));
        metrics.add(counter("nodebus_publish_calls", "Events published on the node", delivery.publishCalls()));
        metrics.add(gauge("nodebus_modules_loaded", "Modules announced with ModuleLoaded and not unloaded",
                view.modulesLoaded()));
        metrics.add(gauge("nodebus_uptime_seconds", "How long the node has run", view.uptimeSeconds()));
        durables(view, metrics);
        delivery.startup().ifPresent(startup -> metrics.add(gauge("nodebus_startup_duration_seconds",
                "How long the node's startup sequence took", startup.durationMs() / 1000.0)));
        return new MetricSnapshots(metrics);
    }

    /** Each durable subscription, once one was made on the node. */
    private static void durables(NodeView view, List<MetricSnapshot> metrics) {
        if (view.durables().isEmpty()) {
            return;
        }
        GaugeSnapshot.Builder lag = GaugeSnapshot.builder().name("nodebus_durable_lag_events")
                .help("Journaled events a durable subscription has still to receive");
        CounterSnapshot.Builder lost = CounterSnapshot.builder().name("nodebus_durable_lost_events")
                .help("Events a durable subscription lost since the node started (retention, journal losses)");
        for (org.nodebus.api.DurableInfo d : view.durables()) {
            Labels labels = Labels.of(MODULE, d.moduleId(), "name", d.name());
            lag.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(d.lag()).build());
            lost.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(d.lost()).build());
        }
        metrics.add(lag.build());
        metrics.add(lost.build());
    }

    private static CounterSnapshot perModuleCounter(String name, String help, List<ModuleDelivery> modules,
            ToDoubleFunction<ModuleDelivery> value) {
        CounterSnapshot.Builder metric = CounterSnapshot.builder().name(name).help(help);
        for (ModuleDelivery module : modules) {
            metric.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of(MODULE, module.moduleId()))
                    .value(value.applyAsDouble(module)).build());
        }
        return metric.build();
    }

    private static GaugeSnapshot perModuleGauge(String name, String help, List<ModuleDelivery> modules,
            ToDoubleFunction<ModuleDelivery> value) {
        GaugeSnapshot.Builder metric = GaugeSnapshot.builder().name(name).help(help);
        for (ModuleDelivery module : modules) {
            metric.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of(MODULE, module.moduleId()))
                    .value(value.applyAsDouble(module)).build());
        }
        return metric.build();
    }

    /** One series per module and state, 1 for the state it is in: {@code max by (module)} is never needed. */
    private static GaugeSnapshot health(List<ModuleDelivery> modules) {
        GaugeSnapshot.Builder metric = GaugeSnapshot.builder().name("nodebus_module_health")
                .help("1 for the module's health state (HEALTHY, DEGRADED, UNRESPONSIVE, CRASHED), 0 for the others");
        for (ModuleDelivery module : modules) {
            for (ModuleHealth state : ModuleHealth.values()) {
                metric.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(Labels.of(MODULE, module.moduleId(), "state", state.name()))
                        .value(module.health() == state ? 1 : 0).build());
            }
        }
        return metric.build();
    }

    private static SummarySnapshot listenerTime(List<ModuleDelivery> modules) {
        SummarySnapshot.Builder metric = SummarySnapshot.builder().name("nodebus_listener_seconds")
                .help("Time the module's listeners took per event");
        for (ModuleDelivery module : modules) {
            metric.dataPoint(SummaryDataPointSnapshot.builder().labels(Labels.of(MODULE, module.moduleId()))
                    .count(module.listenerTime().events()).sum(module.listenerTime().totalSeconds()).build());
        }
        return metric.build();
    }

    private static CounterSnapshot published(Map<EventType, Long> byType) {
        CounterSnapshot.Builder metric = CounterSnapshot.builder().name("nodebus_events_published")
                .help("Events published on the node, by event type");
        for (EventType type : EventType.values()) {
            metric.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("type", type.eventName()))
                    .value(byType.getOrDefault(type, 0L)).build());
        }
        return metric.build();
    }

    private static GaugeSnapshot threads(DeliveryThreads threads) {
        return GaugeSnapshot.builder().name("nodebus_delivery_threads")
                .help("Delivery threads: the configured base, those running now, and listener calls stuck past the time limit")
                .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("kind", "base")).value(threads.base()).build())
                .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("kind", "current")).value(threads.current()).build())
                .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("kind", "stuck")).value(threads.stuck()).build())
                .build();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
