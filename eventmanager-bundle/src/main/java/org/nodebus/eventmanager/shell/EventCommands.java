package org.nodebus.eventmanager.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.codec.PayloadCodec;
import org.nodebus.eventmanager.delivery.DeliveryCore;
import org.nodebus.eventmanager.runtime.EventManagerRuntime;

/**
 * Gogo commands of scope {@code nodebus} for events and modules, registered by the EventManager for the
 * shell only. Errors are thrown as {@link IllegalArgumentException}s whose one-line message names the bad
 * input and the valid choices.
 */
public final class EventCommands {
    /** The command names. */
    public static final String[] FUNCTIONS = {"stats", "reset", "subscribers", "publish", "modules"};

    private final DeliveryCore core;
    private final Supplier<List<ModuleInfo>> modules;

    public EventCommands(EventManagerRuntime runtime) {
        this(runtime.core(), runtime::loadedModules);
    }

    EventCommands(DeliveryCore core, Supplier<List<ModuleInfo>> modules) {
        this.core = core;
        this.modules = modules;
    }

    @Descriptor("delivery statistics of every module")
    public String stats() {
        Map<String, DeliveryStats> all = core.allStats();
        if (all.isEmpty()) {
            return "No module has subscribed yet.";
        }
        TextTable table = new TextTable("MODULE", "HEALTH", "SUCCESSFUL", "FAILED", "CHANNEL-FULL", "QUEUED/SIZE");
        all.forEach((id, s) -> row(table, id, s));
        return table.toString();
    }

    @Descriptor("delivery statistics of one module")
    public String stats(@Descriptor("module id (Bundle-SymbolicName)") String moduleId) {
        DeliveryStats s = core.stats(moduleId).orElseThrow(() -> unknownModule(moduleId));
        TextTable table = new TextTable("MODULE", "HEALTH", "SUCCESSFUL", "FAILED", "CHANNEL-FULL", "QUEUED/SIZE");
        row(table, moduleId, s);
        return table.toString();
    }

    @Descriptor("refuses extra arguments: stats takes at most one module id")
    public String stats(String moduleId, String[] extra) {
        throw extraArguments("stats [moduleId]", extra);
    }

    private void row(TextTable table, String id, DeliveryStats s) {
        table.row(id, core.health(id).map(Enum::name).orElse("-"), s.successful(), s.failed(), s.channelFull(),
                s.queued() + "/" + core.capacity(id));
    }

    @Descriptor("zero the delivery statistics of one module")
    public String reset(@Descriptor("module id (Bundle-SymbolicName)") String moduleId) {
        if (!core.resetStats(moduleId)) {
            throw unknownModule(moduleId);
        }
        return "Delivery statistics of " + moduleId + " reset.";
    }

    @Descriptor("refuses a missing module id")
    public String reset() {
        throw new IllegalArgumentException("reset needs the module id whose statistics to zero: nodebus:reset "
                + "<moduleId>; known modules: " + knownModules());
    }

    @Descriptor("refuses extra arguments: reset takes one module id")
    public String reset(String moduleId, String[] extra) {
        throw extraArguments("reset <moduleId>", extra);
    }

    @Descriptor("refuses a missing event type")
    public String subscribers() {
        throw new IllegalArgumentException("subscribers needs an event type: nodebus:subscribers <EventType>; "
                + "valid types are: " + eventNames());
    }

    @Descriptor("refuses extra arguments: subscribers takes one event type")
    public String subscribers(String eventType, String[] extra) {
        throw extraArguments("subscribers <EventType>", extra);
    }

    @Descriptor("refuses a missing event type")
    public String publish() {
        throw new IllegalArgumentException("publish needs an event type and its fields: nodebus:publish <EventType> "
                + "key=value ...; valid types are: " + eventNames());
    }

    @Descriptor("modules subscribed to an event type")
    public String subscribers(@Descriptor("event type, e.g. NewBlock or NEW_BLOCK") String eventType) {
        EventType type = EventType.parse(eventType);
        List<String> ids = core.subscribers(type);
        return ids.isEmpty() ? "No module subscribes to " + type.eventName() + "."
                : type.eventName() + ": " + String.join(", ", ids);
    }

    @Descriptor("publish an event as the node, e.g. publish NewBlock blockHash=<64 hex digits> height=5")
    public String publish(@Descriptor("event type, e.g. NewBlock") String eventType,
            @Descriptor("the payload's fields as key=value") String[] fields) {
        EventType type = EventType.parse(eventType);
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : fields) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + field + "' is not key=value; " + type.eventName()
                        + " takes: " + PayloadCodec.describe(type));
            }
            if (values.put(field.substring(0, eq).strip(), field.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("field '" + field.substring(0, eq).strip() + "' is given twice");
            }
        }
        EventPayload payload = PayloadCodec.fromText(type, values);
        long sequence = core.publish(Event.NODE_PUBLISHER, payload);
        List<String> to = core.subscribers(type);
        return "Published " + type.eventName() + " #" + sequence + " to " + to.size() + " module(s)"
                + (to.isEmpty() ? "." : ": " + String.join(", ", to));
    }

    @Descriptor("publish an event with no fields given (shows the fields it needs)")
    public String publish(@Descriptor("event type, e.g. NewBlock") String eventType) {
        return publish(eventType, new String[0]);
    }

    @Descriptor("loaded modules with version, bundle id, health, queue depth and load time")
    public String modules() {
        List<ModuleInfo> loaded = modules.get();
        if (loaded.isEmpty()) {
            return "No module is loaded.";
        }
        TextTable table = new TextTable("MODULE", "VERSION", "BUNDLE", "HEALTH", "QUEUED", "LOADED SINCE");
        loaded.forEach(m -> table.row(m.moduleId(), m.version(), m.bundleId(), m.health(), m.queueDepth(),
                m.loadedSince()));
        return table.toString();
    }

    private IllegalArgumentException unknownModule(String moduleId) {
        return new IllegalArgumentException("No module '" + moduleId + "' has subscribed; known modules: "
                + knownModules());
    }

    private String knownModules() {
        String known = core.allStats().keySet().stream().collect(Collectors.joining(", "));
        return known.isEmpty() ? "none" : known;
    }

    private static String eventNames() {
        return java.util.Arrays.stream(EventType.values()).map(EventType::eventName).collect(Collectors.joining(", "));
    }

    private static IllegalArgumentException extraArguments(String usage, String[] extra) {
        return new IllegalArgumentException("Too many arguments: " + String.join(" ", extra)
                + " not expected; usage: nodebus:" + usage);
    }
}
