package org.nodebus.metrics.jmx;

import java.util.List;
import java.util.Map;

/** The node in JMX, as {@code org.nodebus:type=Node}. */
public interface NodeStatisticsMXBean {
    /** @return modules that subscribed and are still installed */
    int getModulesSubscribed();

    /** @return modules announced with ModuleLoaded and not unloaded */
    int getModulesLoaded();

    /** @return events published since the EventManager started */
    long getPublishCalls();

    /** @return events published per event type */
    Map<String, Long> getPublishedByType();

    /** @return the configured delivery threads */
    int getDeliveryThreadsBase();

    /** @return delivery threads running now */
    int getDeliveryThreadsCurrent();

    /** @return listener calls stuck past the time limit */
    int getDeliveryThreadsStuck();

    /** @return how long the node has run, in seconds */
    double getUptimeSeconds();

    /** @return how long the startup sequence took in seconds, or -1 before it completed */
    double getStartupDurationSeconds();

    /** @return the latest lifecycle events, newest first, one line each */
    List<String> getLatestLifecycleEvents();
}
