package org.nodebus.metrics.jmx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.nodebus.metrics.view.NodeView;

/** The node's MBean. */
final class NodeStatistics implements NodeStatisticsMXBean {
    private final FreshView view;

    NodeStatistics(FreshView view) {
        this.view = view;
    }

    @Override
    public int getModulesSubscribed() {
        return view.get().delivery().modules().size();
    }

    @Override
    public int getModulesLoaded() {
        return view.get().modulesLoaded();
    }

    @Override
    public long getPublishCalls() {
        return view.get().delivery().publishCalls();
    }

    @Override
    public Map<String, Long> getPublishedByType() {
        Map<EventType, Long> byType = view.get().delivery().publishedByType();
        Map<String, Long> named = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            named.put(type.eventName(), byType.getOrDefault(type, 0L));
        }
        return named;
    }

    @Override
    public int getDeliveryThreadsBase() {
        return view.get().delivery().threads().base();
    }

    @Override
    public int getDeliveryThreadsCurrent() {
        return view.get().delivery().threads().current();
    }

    @Override
    public int getDeliveryThreadsStuck() {
        return view.get().delivery().threads().stuck();
    }

    @Override
    public double getUptimeSeconds() {
        return view.get().uptimeSeconds();
    }

    @Override
    public double getStartupDurationSeconds() {
        return view.get().delivery().startup().map(s -> s.durationMs() / 1000.0).orElse(-1.0);
    }

    @Override
    public List<String> getLatestLifecycleEvents() {
        List<Event> events = view.get().delivery().lifecycleEvents();
        List<String> lines = new ArrayList<>(events.size());
        for (int i = events.size() - 1; i >= 0; i--) {
            Event e = events.get(i);
            lines.add(e.timestamp() + " " + e.type().eventName() + " " + e.payload());
        }
        return List.copyOf(lines);
    }
}
