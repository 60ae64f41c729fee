package org.nodebus.eventmanager.shell;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nodebus.api.DeliveryReport;
import org.nodebus.api.DeliveryStats;
import org.nodebus.api.Event;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.codec.PayloadCodec;
import org.nodebus.eventmanager.delivery.DeliveryCore;
import org.nodebus.eventmanager.runtime.EventManagerRuntime;
import org.nodebus.internal.shell.CommandRefused;

/**
 * Gogo commands of scope {@code nodebus} for events and modules, registered by the EventManager for the
 * shell only. One method per command, so {@code help} shows one usage each; the arguments are checked
 * here, and errors are thrown as {@link CommandRefused}s whose one-line message names the bad
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

    @Descriptor("delivery statistics of every loaded module, or of one module")
    public String stats(@Descriptor("a module id (Bundle-SymbolicName); none: every loaded module") String... moduleId) {
        atMost(1, "stats [moduleId]", moduleId);
        TextTable table = new TextTable("MODULE", "HEALTH", "SUCCESSFUL", "FAILED", "CHANNEL-FULL", "FILTERED", "QUEUED/SIZE");
        if (moduleId.length == 1) {
            String id = moduleId[0];
            DeliveryStats s = core.stats(id).or(() -> loaded(id).map(m -> DeliveryStats.ZERO))
                    .orElseThrow(() -> unknownModule(id));
            row(table, id, s);
            return table.toString();
        }
        List<ModuleInfo> loaded = modules.get();
        if (loaded.isEmpty()) {
            return "No module is loaded.";
        }
        // every loaded module, the same list as nodebus:modules; one that never subscribed has zero statistics
        loaded.forEach(m -> row(table, m.moduleId(), core.stats(m.moduleId()).orElse(DeliveryStats.ZERO)));
        return table.toString();
    }

    private void row(TextTable table, String id, DeliveryStats s) {
        String health = core.health(id).map(Enum::name).orElseGet(() -> loaded(id).map(m -> m.health().name()).orElse("-"));
        table.row(id, health, s.successful(), s.failed(), s.channelFull(), s.filtered(),
                s.queued() + "/" + core.capacity(id));
    }

    @Descriptor("zero the delivery statistics of one module")
    public String reset(@Descriptor("the module id (Bundle-SymbolicName) whose statistics to zero") String... moduleId) {
        String id = exactlyOne(moduleId, "reset <moduleId>", () -> "reset needs the module id whose statistics to "
                + "zero: nodebus:reset <moduleId>; known modules: " + knownModules());
        if (!core.resetStats(id)) {
            throw unknownModule(id);
        }
        return "Delivery statistics of " + id + " reset.";
    }

    @Descriptor("the modules subscribed to an event type")
    public String subscribers(@Descriptor("an event type, e.g. NewBlock or NEW_BLOCK") String... eventType) {
        EventType type = CommandRefused.refusing(() -> EventType.parse(exactlyOne(eventType, "subscribers <EventType>", () -> "subscribers needs an "
                + "event type: nodebus:subscribers <EventType>; valid types are: " + eventNames())));
        List<String> ids = core.subscribers(type);
        return ids.isEmpty() ? "No module subscribes to " + type.eventName() + "."
                : type.eventName() + ": " + String.join(", ", ids);
    }

    @Descriptor("publish an event as the node, e.g. publish NewBlock blockHash=<64 hex digits> height=5; says per "
            + "module whether it was queued or dropped")
    public String publish(
            @Descriptor("publish an event reserved to the node (NodeShutdown, DiskSpaceLow, ...) all the same")
            @Parameter(names = {"--force"}, presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("the event type, e.g. NewBlock, then the payload's fields as key=value") String... typeAndFields) {
        if (typeAndFields.length == 0) {
            throw new CommandRefused("publish needs an event type and its fields: nodebus:publish <EventType> "
                    + "key=value ...; valid types are: " + eventNames());
        }
        EventType type = CommandRefused.refusing(() -> EventType.parse(typeAndFields[0]));
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : Arrays.copyOfRange(typeAndFields, 1, typeAndFields.length)) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new CommandRefused("'" + field + "' is not key=value; " + type.eventName()
                        + " takes: " + PayloadCodec.describe(type));
            }
            if (values.put(field.substring(0, eq).strip(), field.substring(eq + 1)) != null) {
                throw new CommandRefused("field '" + field.substring(0, eq).strip() + "' is given twice");
            }
        }
        EventPayload payload = CommandRefused.refusing(() -> PayloadCodec.fromText(type, values));
        if (type.isReserved() && !force) {
            throw new CommandRefused(type.eventName() + " is reserved to the node: "
                    + ReservedEffects.of(type) + "; add --force to publish it anyway");
        }
        DeliveryReport report;
        try {
            // no wait: the report tells at once which queues took it and which were full
            report = core.publishAndAwait(Event.NODE_PUBLISHER, payload, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
        Set<String> queued = new LinkedHashSet<>(report.handled());
        queued.addAll(report.failed());
        queued.addAll(report.timedOut());
        int modules = queued.size() + report.dropped().size();
        return "Published " + type.eventName() + " #" + report.sequence() + " to " + modules + " module(s)"
                + (modules == 0 ? "." : ": queued for " + list(queued)
                        + (report.dropped().isEmpty() ? "" : "; dropped (queue full) for " + list(report.dropped())));
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

    private java.util.Optional<ModuleInfo> loaded(String id) {
        return modules.get().stream().filter(m -> m.moduleId().equals(id)).findFirst();
    }

    private CommandRefused unknownModule(String moduleId) {
        return new CommandRefused("No module '" + moduleId + "' has subscribed; known modules: "
                + knownModules());
    }

    private String knownModules() {
        Set<String> known = new LinkedHashSet<>();
        modules.get().forEach(m -> known.add(m.moduleId()));
        known.addAll(core.allStats().keySet());
        return known.isEmpty() ? "none" : String.join(", ", known);
    }

    private static String list(java.util.Collection<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private static String eventNames() {
        return Arrays.stream(EventType.values()).map(EventType::eventName).collect(Collectors.joining(", "));
    }

    /** The one argument a command takes; none is refused with {@code missing}, more with the usage. */
    private static String exactlyOne(String[] args, String usage, Supplier<String> missing) {
        if (args.length == 0) {
            throw new CommandRefused(missing.get());
        }
        atMost(1, usage, args);
        return args[0];
    }

    private static void atMost(int n, String usage, String[] args) {
        if (args.length > n) {
            throw new CommandRefused("Too many arguments: "
                    + String.join(" ", Arrays.copyOfRange(args, n, args.length)) + " not expected; usage: nodebus:" + usage);
        }
    }
}
