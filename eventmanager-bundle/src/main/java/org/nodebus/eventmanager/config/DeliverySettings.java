package org.nodebus.eventmanager.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The EventManager's configuration (PID {@code org.nodebus.eventmanager}), validated and in the types the
 * delivery code uses; made by {@link SettingsParser} from values checked against {@link EventManagerConfig}.
 *
 * @param bufferSize queue capacity of a module without its own size
 * @param moduleBufferSizes queue capacity per module id, overriding bufferSize
 * @param failureLimit consecutive listener failures after which a module is DEGRADED
 * @param listenerTimeout how long one listener call may run before the module is UNRESPONSIVE
 * @param crashPolicy what to do with the bundle of a crashed module
 * @param eventAdminBridge whether events are also posted to EventAdmin
 * @param nodeComponents bundle symbolic names allowed to publish reserved events
 * @param deliveryThreads threads in the shared delivery pool
 * @param maxDeliveryThreads the pool's bound while listeners are slow or hang
 * @param compensationThreshold how long one listener call may hold a delivery thread before another pool
 *        thread takes over the other modules' work (within maxDeliveryThreads)
 * @param historyLimit the events of each type kept for subscribers that ask for a history, and the most
 *        history one subscriber gets
 */
public record DeliverySettings(int bufferSize, Map<String, Integer> moduleBufferSizes, int failureLimit,
        Duration listenerTimeout, CrashPolicy crashPolicy, boolean eventAdminBridge, Set<String> nodeComponents,
        int deliveryThreads, int maxDeliveryThreads, Duration compensationThreshold, int historyLimit) {

    /** Settings with the default history limit. */
    public DeliverySettings(int bufferSize, Map<String, Integer> moduleBufferSizes, int failureLimit,
            Duration listenerTimeout, CrashPolicy crashPolicy, boolean eventAdminBridge, Set<String> nodeComponents,
            int deliveryThreads, int maxDeliveryThreads, Duration compensationThreshold) {
        this(bufferSize, moduleBufferSizes, failureLimit, listenerTimeout, crashPolicy, eventAdminBridge,
                nodeComponents, deliveryThreads, maxDeliveryThreads, compensationThreshold,
                SettingsParser.SCHEMA.defaults().typed().subscriber_history_max());
    }

    /** The defaults, as the metatype {@link EventManagerConfig} declares them. */
    public static DeliverySettings defaults() {
        return SettingsParser.DEFAULTS.settings();
    }

    public DeliverySettings {
        moduleBufferSizes = Map.copyOf(moduleBufferSizes);
        nodeComponents = Set.copyOf(nodeComponents);
        Objects.requireNonNull(listenerTimeout, "listenerTimeout");
        Objects.requireNonNull(crashPolicy, "crashPolicy");
        Objects.requireNonNull(compensationThreshold, "compensationThreshold");
    }

    /**
     * The queue capacity of one module.
     *
     * @param moduleId the module
     * @return its own size if configured, else {@link #bufferSize()}
     */
    public int bufferSizeFor(String moduleId) {
        return moduleBufferSizes.getOrDefault(moduleId, bufferSize);
    }
}
