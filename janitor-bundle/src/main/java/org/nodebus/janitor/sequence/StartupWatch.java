package org.nodebus.janitor.sequence;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.nodebus.internal.log.LifecycleLog;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.NodeStartupCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes NodeStartupCompleted once the framework has started and every active module bundle has been
 * announced as loaded (or the settle timeout passes, naming the modules that did not settle).
 *
 * <p>Not thread-safe, and holds no lock while it reads the framework and publishes: the janitor calls
 * {@link #check} from its one startup chain, each check scheduled by the one before it.
 */
public final class StartupWatch {
    private static final Logger LOG = LoggerFactory.getLogger(StartupWatch.class);

    private final EventPublisher publisher;
    private final Clock clock;
    private final LongSupplier jvmStartMillis;
    private final Supplier<Set<String>> activeModules;
    private final Supplier<List<String>> loadedModules;
    private long watchingSince = -1;
    private boolean done;
    private Set<String> lastUnsettled = Set.of();

    /**
     * @param activeModules ids of module bundles that are ACTIVE or STARTING now
     * @param loadedModules ids of the modules announced as loaded, in load order
     */
    public StartupWatch(EventPublisher publisher, Clock clock, LongSupplier jvmStartMillis,
            Supplier<Set<String>> activeModules, Supplier<List<String>> loadedModules) {
        this.publisher = publisher;
        this.clock = clock;
        this.jvmStartMillis = jvmStartMillis;
        this.activeModules = activeModules;
        this.loadedModules = loadedModules;
    }

    /**
     * Checks once, after the framework has started.
     *
     * @param settleTimeout how long to wait for modules before announcing the startup anyway
     * @return whether NodeStartupCompleted has been published (now or before)
     */
    public boolean check(Duration settleTimeout) {
        if (done) {
            return true;
        }
        long now = clock.millis();
        if (watchingSince < 0) {
            watchingSince = now;
        }
        List<String> loaded = loadedModules.get();
        Set<String> unsettled = new HashSet<>(activeModules.get());
        unsettled.removeAll(loaded);
        if (!unsettled.isEmpty()) {
            if (now - watchingSince < settleTimeout.toMillis()) {
                if (!unsettled.equals(lastUnsettled)) {
                    LOG.info("Startup waits for modules {} to finish loading", unsettled);
                    lastUnsettled = Set.copyOf(unsettled);
                }
                return false;
            }
            LOG.warn("Modules {} did not finish loading within {} s; announcing the startup without them", unsettled,
                    settleTimeout.toSeconds());
        }
        long duration = Math.max(0, now - jvmStartMillis.getAsLong());
        publisher.publish(new NodeStartupCompleted(duration, loaded));
        LifecycleLog.FACTS.info("NodeStartupCompleted after {} ms with modules {}", duration, loaded);
        done = true;
        return true;
    }
}
