package org.nodebus.metrics.jmx;

/**
 * One module in JMX, as {@code org.nodebus:type=Module,name=<moduleId>}. Offered, Handled, Failed and Dropped
 * count since the module's last reset (as {@code nodebus:stats} shows them); the {@code ...Total} figures are
 * the running totals Prometheus graphs, which a reset does not touch.
 */
public interface ModuleStatisticsMXBean {
    /** @return the module id (its Bundle-SymbolicName) */
    String getModuleId();

    /** @return the bundle that subscribed under this id */
    long getBundleId();

    /** @return the bundle's version */
    String getVersion();

    /** @return HEALTHY, DEGRADED, UNRESPONSIVE or CRASHED */
    String getHealth();

    /** @return events offered since the last reset */
    long getOffered();

    /** @return events handled since the last reset */
    long getHandled();

    /** @return events a listener threw on since the last reset */
    long getFailed();

    /** @return events dropped on a full queue since the last reset */
    long getDropped();

    /** @return events of its types that none of its filters matched since the last reset (never offered) */
    long getFiltered();

    /** @return events offered since the module first subscribed */
    long getOfferedTotal();

    /** @return events handled since the module first subscribed */
    long getHandledTotal();

    /** @return listener failures since the module first subscribed */
    long getFailedTotal();

    /** @return drops since the module first subscribed */
    long getDroppedTotal();

    /** @return events filtered out since the module first subscribed */
    long getFilteredTotal();

    /** @return events waiting in its queue */
    int getQueueDepth();

    /** @return how many events its queue holds */
    int getQueueCapacity();

    /** @return listener failures in a row */
    long getConsecutiveFailures();

    /** @return deliveries timed */
    long getListenerEvents();

    /** @return the summed time in the module's listeners, in seconds */
    double getListenerSecondsTotal();

    /**
     * @return the longest delivery timed singly (the first of a run, one in 16 after it, every one longer than
     *         the delivery watchdog's period) of the last one to two minutes, in seconds
     */
    double getListenerSecondsMax();

    /** Zeroes Offered, Handled, Failed and Dropped, as {@code nodebus:reset} does. */
    void resetStatistics();
}
