package org.nodebus.metrics.console;

import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.nodebus.api.Event;
import org.nodebus.eventmanager.spi.DeliverySnapshot;
import org.nodebus.eventmanager.spi.ModuleDelivery;
import org.nodebus.metrics.view.NodeView;

/** What the NodeBus page shows, as the JSON its script polls. */
final class PageData {
    /** Lifecycle events the page lists, newest first. */
    static final int LIFECYCLE_SHOWN = 15;

    private PageData() {
    }

    static JsonObject of(NodeView view) {
        DeliverySnapshot delivery = view.delivery();
        JsonObject data = new JsonObject();
        data.addProperty("takenAtMillis", delivery.takenAt().toEpochMilli());
        data.addProperty("uptimeSeconds", view.uptimeSeconds());
        data.addProperty("modulesLoaded", view.modulesLoaded());
        data.addProperty("publishCalls", delivery.publishCalls());
        JsonObject threads = new JsonObject();
        threads.addProperty("base", delivery.threads().base());
        threads.addProperty("current", delivery.threads().current());
        threads.addProperty("stuck", delivery.threads().stuck());
        data.add("threads", threads);
        JsonArray modules = new JsonArray();
        for (ModuleDelivery m : delivery.modules()) {
            JsonObject module = new JsonObject();
            module.addProperty("id", m.moduleId());
            module.addProperty("version", view.version(m.moduleId()));
            module.addProperty("bundleId", m.bundleId());
            module.addProperty("health", m.health().name());
            module.addProperty("queued", m.total().queued());
            module.addProperty("capacity", m.queueCapacity());
            module.addProperty("handled", m.sinceReset().successful());
            module.addProperty("failed", m.sinceReset().failed());
            module.addProperty("dropped", m.sinceReset().channelFull());
            module.addProperty("consecutiveFailures", m.consecutiveFailures());
            module.addProperty("listenerMaxMillis", m.listenerTime().recentMaxNanos() / 1e6);
            // rates come from the running totals, which a reset does not turn back
            JsonObject totals = new JsonObject();
            totals.addProperty("handled", m.total().successful());
            totals.addProperty("failed", m.total().failed());
            totals.addProperty("dropped", m.total().channelFull());
            module.add("totals", totals);
            modules.add(module);
        }
        data.add("modules", modules);
        JsonArray lifecycle = new JsonArray();
        List<Event> events = delivery.lifecycleEvents();
        for (int i = events.size() - 1; i >= Math.max(0, events.size() - LIFECYCLE_SHOWN); i--) {
            Event e = events.get(i);
            JsonObject event = new JsonObject();
            event.addProperty("timeMillis", e.timestamp().toEpochMilli());
            event.addProperty("type", e.type().eventName());
            event.addProperty("details", e.payload().toString());
            lifecycle.add(event);
        }
        data.add("lifecycle", lifecycle);
        return data;
    }
}
