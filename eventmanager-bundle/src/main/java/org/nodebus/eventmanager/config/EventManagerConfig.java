package org.nodebus.eventmanager.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The metatype of PID {@code org.nodebus.eventmanager}: the one declaration of every key, default, valid
 * range and description, what an operator sees in a configuration UI and what the node enforces
 * ({@link SettingsParser} checks values against it). A bad value is refused with a log line and the
 * previous value stays.
 */
@ObjectClassDefinition(id = SettingsParser.PID, name = "NodeBus EventManager",
        description = "Per-module bounded event delivery.")
public @interface EventManagerConfig {

    @AttributeDefinition(name = "Queue size", min = "1", max = "1000000",
            description = "Events a module's queue holds before further events for it are dropped.")
    int buffer_size() default 100;

    @AttributeDefinition(name = "Queue size per module", required = false,
            description = "Entries moduleId=size overriding the queue size for one module, e.g. org.example.indexer=1000.")
    String[] module_buffer_sizes() default {};

    @AttributeDefinition(name = "Consecutive failure limit", min = "1", max = "1000000",
            description = "Listener failures in a row after which a module is DEGRADED.")
    int failure_limit() default 5;

    @AttributeDefinition(name = "Listener time limit (ms)", min = "10", max = "86400000",
            description = "How long one listener call may run before its module is UNRESPONSIVE until the call returns.")
    long listener_timeout_ms() default 5000;

    @AttributeDefinition(name = "Crash policy",
            description = "What to do with the bundle of a module whose listener threw an Error.",
            options = {@Option(label = "Stop the bundle", value = "stop"),
                    @Option(label = "Leave it running, unsubscribed", value = "leave")})
    String crash_policy() default "stop";

    @AttributeDefinition(name = "EventAdmin bridge",
            description = "Also post every event to EventAdmin on topic org/nodebus/event/<EventName>.")
    boolean eventadmin_bridge() default true;

    @AttributeDefinition(name = "Node components",
            description = "Bundle symbolic names allowed to publish reserved (module, node, maintenance, resource) events.")
    String[] node_components() default {"org.nodebus.janitor"};

    @AttributeDefinition(name = "Delivery threads", min = "1", max = "64", required = false,
            description = "Threads in the shared delivery pool; default: the number of processors, at least 2 and at most 32.")
    int delivery_threads();

    @AttributeDefinition(name = "Delivery threads while listeners are slow or hang", min = "1", max = "1024",
            description = "The bound up to which the pool grows to compensate threads held by slow or hung listeners, at least the delivery threads.")
    int delivery_threads_max() default 32;

    @AttributeDefinition(name = "Compensate a slow listener call after (ms)", min = "1", max = "60000",
            description = "A listener call that holds its delivery thread longer than this gets another pool thread started for the other modules, within delivery.threads.max; the thread goes again once the call returns.")
    long delivery_compensation_ms() default 20;

    @AttributeDefinition(name = "Event history", min = "0", max = "100000",
            description = "The last events published, kept in memory for nodebus:events; 0 keeps none. Recording one costs the publisher two stores.")
    int history_size() default 1000;

    @AttributeDefinition(name = "History for new subscribers", min = "0", max = "100000",
            description = "The latest events of each type kept for subscribers that ask for a history (@SubscribeTo(history = N)), and the most one subscriber gets; 0 keeps none. Memory: the event types times this many events.")
    int subscriber_history_max() default 100;

    @AttributeDefinition(name = "Journal size (MB)", min = "1", max = "1048576",
            description = "The journal of durable subscriptions keeps at most this many megabytes of events; beyond it the oldest are dropped, and a durable subscriber that had not read them is told how many it lost.")
    long journal_retention_mb() default 1024;

    @AttributeDefinition(name = "Journal age (hours)", min = "1", max = "87600",
            description = "The journal drops events older than this many hours.")
    long journal_retention_hours() default 168;

    @AttributeDefinition(name = "Journal hand-over (events)", min = "1024", max = "16777216",
            description = "Events waiting between the publishers and the journal's writer; when it is full, further events count as lost for the durable subscribers (publishers never wait). Read when the journal opens.")
    int journal_queue_size() default 65536;
}
