package org.nodebus.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.nodebus.api.Event;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.ModuleCrashed;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.api.event.ModuleReloaded;
import org.nodebus.api.event.ModuleUnloaded;
import org.nodebus.api.event.NewBlock;
import org.nodebus.testing.Await;

/** Reads module lifecycle histories out of recorded events, and fences them with marker events. */
public final class Lifecycle {
    private static final AtomicLong MARKERS = new AtomicLong(1_000_000);

    private Lifecycle() {
    }

    /** The module lifecycle events about modules whose id starts with the prefix, as short strings. */
    public static List<String> history(List<Event> events, String prefix) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            String line = describe(e);
            if (line != null && line.substring(line.indexOf('(') + 1).startsWith(prefix)) {
                out.add(line);
            }
        }
        return out;
    }

    public static String describe(Event e) {
        if (e.payload() instanceof ModuleLoaded m) {
            return (e.replay() ? "Loaded*(" : "Loaded(") + m.moduleId() + " " + m.version() + ")";
        } else if (e.payload() instanceof ModuleUnloaded m) {
            return "Unloaded(" + m.moduleId() + " " + m.version() + ")";
        } else if (e.payload() instanceof ModuleReloaded m) {
            return "Reloaded(" + m.moduleId() + " " + m.oldVersion() + "->" + m.newVersion() + ")";
        } else if (e.payload() instanceof ModuleCrashed m) {
            return "Crashed(" + m.moduleId() + ": " + m.error() + ")";
        }
        return null;
    }

    /**
     * Publishes a marker and waits until every given recording has it: since each module receives events
     * in publish order, everything published before the marker has then been delivered to it.
     */
    public static void fence(EventPublisher publisher, List<List<Event>> recordings) {
        long height = MARKERS.incrementAndGet();
        publisher.publish(new NewBlock(Hash32.of(new byte[32]), height));
        for (List<Event> recording : recordings) {
            Await.until("marker " + height + " arrived", () -> recording.stream().anyMatch(
                    e -> e.payload() instanceof NewBlock b && b.height() == height), () -> recording);
        }
    }
}
