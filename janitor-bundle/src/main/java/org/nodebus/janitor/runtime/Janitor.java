package org.nodebus.janitor.runtime;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.NodeControl;
import org.nodebus.api.NodeModule;
import org.nodebus.api.event.HealthCheck;
import org.nodebus.api.event.HealthCheckType;
import org.nodebus.api.event.MaintenanceCompleted;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.ShutdownReason;
import org.nodebus.internal.module.Modules;
import org.nodebus.internal.shell.ShellOnly;
import org.nodebus.janitor.config.JanitorConfig;
import org.nodebus.janitor.config.JanitorSettings;
import org.nodebus.janitor.config.JanitorSettingsParser;
import org.nodebus.janitor.monitor.DiskMonitor;
import org.nodebus.janitor.monitor.ResourceMonitor;
import org.nodebus.janitor.monitor.SystemProbes;
import org.nodebus.janitor.probe.CpuProbe;
import org.nodebus.janitor.probe.DiskProbe;
import org.nodebus.janitor.probe.MemoryProbe;
import org.nodebus.janitor.sequence.HealthCheckRun;
import org.nodebus.janitor.sequence.MaintenanceRun;
import org.nodebus.janitor.sequence.ShutdownSequence;
import org.nodebus.janitor.sequence.StartupWatch;
import org.nodebus.janitor.shell.JanitorCommands;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the node's lifecycle: NodeStartupCompleted, the orderly shutdown (whatever triggers it: the
 * framework stopping, SIGTERM, the shell, {@link NodeControl}), periodic maintenance and health checks,
 * and the disk and resource monitors.
 *
 * <p>The shutdown runs on the thread that stops the framework, in a synchronous listener for the system
 * bundle's STOPPING event, so every module gets NodeShutdown and the flush before any bundle stops.
 */
@Component(service = NodeControl.class, immediate = true, configurationPid = JanitorSettingsParser.PID)
@Designate(ocd = JanitorConfig.class)
public final class Janitor implements NodeControl {
    private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);

    private final BundleContext context;
    private final EventPublisher publisher;
    private final EventManager eventManager;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService executor;
    /** The periodic tasks; guarded by this object's monitor, under which only the executor is called. */
    private final List<ScheduledFuture<?>> periodic = new ArrayList<>();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final SynchronousBundleListener shutdownTrigger = this::bundleChanged;
    private final FrameworkListener startedListener = this::frameworkEvent;
    private final StartupWatch startupWatch;
    private final DiskMonitor diskMonitor;
    private final ResourceMonitor resourceMonitor;
    private final MaintenanceRun maintenance;
    private final HealthCheckRun health;
    private volatile JanitorSettings settings;
    /** The configuration in force; written by activation and {@code @Modified}, which DS serialises. */
    private volatile JanitorSettingsParser.Result configuration;
    private volatile ShutdownRequest requested;
    // a registered probe service replaces the built-in one (the tests measure a low disk this way)
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DiskProbe diskProbe;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MemoryProbe memoryProbe;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CpuProbe cpuProbe;
    /** Whether the startup chain runs; guarded by this object's monitor. One chain calls StartupWatch. */
    private boolean watchingStartup;
    private final ServiceRegistration<JanitorCommands> commands;

    private record ShutdownRequest(ShutdownReason reason, Duration timeout) {
    }

    @Activate
    public Janitor(BundleContext context, Map<String, Object> properties, @Reference EventPublisher publisher,
            @Reference EventManager eventManager) {
        this.context = context;
        this.publisher = publisher;
        this.eventManager = eventManager;
        this.configuration = parse(properties, defaults(context));
        this.settings = configuration.settings();
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "nodebus-janitor");
            t.setDaemon(true);
            return t;
        });
        this.startupWatch = new StartupWatch(publisher, clock,
                () -> ManagementFactory.getRuntimeMXBean().getStartTime(), this::activeModuleIds,
                () -> eventManager.getLoadedModules().stream().map(ModuleInfo::moduleId).toList());
        this.diskMonitor = new DiskMonitor(publisher, () -> settings,
                () -> diskProbe != null ? diskProbe : SystemProbes.DISK);
        this.resourceMonitor = new ResourceMonitor(publisher, () -> settings,
                () -> memoryProbe != null ? memoryProbe : SystemProbes.MEMORY,
                () -> cpuProbe != null ? cpuProbe : SystemProbes.CPU);
        this.maintenance = new MaintenanceRun(publisher, clock, () -> eventManager.getLoadedModules().stream()
                .map(ModuleInfo::moduleId).collect(Collectors.toUnmodifiableSet()));
        this.health = new HealthCheckRun(publisher, eventManager);
        context.addBundleListener(shutdownTrigger);
        context.addFrameworkListener(startedListener);
        commands = ShellOnly.register(context, JanitorCommands.class, new JanitorCommands(this), "nodebus",
                JanitorCommands.FUNCTIONS);
        schedule();
        if (context.getBundle(0).getState() == Bundle.ACTIVE) {
            watchStartup();
        }
        LOG.info("Janitor started: shutdown timeout {} s, maintenance every {} s, health every {} s, data directory {}",
                settings.shutdownTimeout().toSeconds(), settings.maintenanceInterval().toSeconds(),
                settings.healthInterval().toSeconds(), settings.dataDir());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configuration = parse(properties, configuration);
        settings = configuration.settings();
        schedule();
        LOG.info("Janitor configuration applied: {}", configuration.values());
    }

    @Deactivate
    void deactivate() {
        try {
            commands.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters a stopping bundle's services itself
        }
        context.removeBundleListener(shutdownTrigger);
        context.removeFrameworkListener(startedListener);
        executor.shutdownNow();
    }

    /** The defaults, with the data directory from the framework property {@value NodeModule#DATA_DIR_PROPERTY} if set. */
    private static JanitorSettingsParser.Result defaults(BundleContext context) {
        String dataDir = context.getProperty(NodeModule.DATA_DIR_PROPERTY);
        return dataDir == null || dataDir.isBlank() ? JanitorSettingsParser.DEFAULTS
                : JanitorSettingsParser.parse(Map.of("data.dir", dataDir), JanitorSettingsParser.DEFAULTS);
    }

    private static JanitorSettingsParser.Result parse(Map<String, ?> properties, JanitorSettingsParser.Result previous) {
        JanitorSettingsParser.Result result = JanitorSettingsParser.parse(properties, previous);
        result.errors().forEach(e -> LOG.error("Configuration {}: {}", JanitorSettingsParser.PID, e));
        List<String> unknown = JanitorSettingsParser.SCHEMA.unknownKeys(properties);
        if (!unknown.isEmpty()) {
            LOG.warn("Configuration {}: unknown key(s) {} ignored; the keys are {}", JanitorSettingsParser.PID, unknown,
                    JanitorSettingsParser.SCHEMA.attributes().stream().map(a -> a.key()).toList());
        }
        return result;
    }

    // ---- probes (a registered probe service replaces the built-in one) -----------------------------

    // ---- schedules ----------------------------------------------------------------------------------

    private synchronized void schedule() {
        periodic.forEach(f -> f.cancel(false));
        periodic.clear();
        JanitorSettings s = settings;
        periodic.add(every(s.maintenanceInterval(), s.maintenanceInterval(), "periodic maintenance",
                () -> runMaintenance(MaintenanceReason.PERIODIC)));
        periodic.add(every(s.healthInterval(), s.healthInterval(), "health check", () -> runHealthCheck(HealthCheckType.PERIODIC)));
        periodic.add(every(Duration.ZERO, s.diskPollInterval(), "disk monitor", diskMonitor::poll));
        periodic.add(every(Duration.ZERO, s.resourcePollInterval(), "resource monitor", resourceMonitor::poll));
    }

    private ScheduledFuture<?> every(Duration first, Duration period, String what, Interruptible task) {
        return executor.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("The janitor's {} failed; it runs again in {} s", what, period.toSeconds(), e);
            }
        }, first.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private interface Interruptible {
        void run() throws InterruptedException;
    }

    // ---- startup ------------------------------------------------------------------------------------

    private void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            watchStartup();
        }
    }

    private synchronized void watchStartup() {
        if (!watchingStartup) {
            watchingStartup = true;
            executor.execute(this::checkStartup);
        }
    }

    /** Checks until NodeStartupCompleted is out, every 100 ms. */
    private void checkStartup() {
        try {
            if (startupWatch.check(settings.startupSettleTimeout())) {
                return;
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Startup check failed; trying again", e);
        }
        executor.schedule(this::checkStartup, 100, TimeUnit.MILLISECONDS);
    }

    private Set<String> activeModuleIds() {
        return Arrays.stream(context.getBundles()).filter(Modules::isModule)
                .filter(b -> (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0)
                .map(Bundle::getSymbolicName).collect(Collectors.toSet());
    }

    // ---- on demand ----------------------------------------------------------------------------------

    /** Runs a maintenance run now, on the calling thread, and returns what was published at its end. */
    public MaintenanceCompleted runMaintenance(MaintenanceReason reason) throws InterruptedException {
        JanitorSettings s = settings;
        return maintenance.run(reason, s.maintenanceTargetAgeDays(), s.maintenanceTimeout());
    }

    /** Runs a health check now and returns what was published. */
    public HealthCheck runHealthCheck(HealthCheckType type) {
        return health.run(type);
    }

    // ---- shutdown -----------------------------------------------------------------------------------

    @Override
    public void shutdown(ShutdownReason reason, Duration timeout) {
        Objects.requireNonNull(reason, "reason must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the shutdown timeout must be at least 1 second but was " + timeout);
        }
        requested = new ShutdownRequest(reason, timeout);
        LOG.info("Shutdown requested ({}, timeout {} s)", reason, timeout.toSeconds());
        try {
            context.getBundle(0).stop();
        } catch (BundleException e) {
            throw new IllegalStateException("the framework refused to stop: " + e.getMessage(), e);
        }
    }

    /** The configured shutdown timeout. */
    public Duration shutdownTimeout() {
        return settings.shutdownTimeout();
    }

    private void bundleChanged(BundleEvent event) {
        if (event.getBundle().getBundleId() != 0 || event.getType() != BundleEvent.STOPPING
                || !shuttingDown.compareAndSet(false, true)) {
            return;
        }
        ShutdownRequest request = requested;
        ShutdownReason reason = request != null ? request.reason() : jvmShuttingDown() ? ShutdownReason.SIGNAL
                : ShutdownReason.GRACEFUL;
        Duration timeout = request != null ? request.timeout() : settings.shutdownTimeout();
        try {
            new ShutdownSequence(publisher, clock, this::stopModules).run(reason, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Shutdown sequence interrupted; the framework stops now");
        } catch (RuntimeException e) {
            LOG.error("Shutdown sequence failed; the framework stops now", e);
        }
    }

    /** During SIGTERM or SIGINT the JVM refuses new shutdown hooks. */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private void stopModules() {
        Arrays.stream(context.getBundles()).filter(Modules::isModule)
                .filter(b -> (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0)
                .sorted(Comparator.comparingLong(Bundle::getBundleId).reversed())
                .forEach(bundle -> {
                    try {
                        bundle.stop(Bundle.STOP_TRANSIENT);
                    } catch (BundleException | IllegalStateException e) {
                        LOG.error("Module {} did not stop cleanly: {}", bundle.getSymbolicName(), e.toString());
                    }
                });
    }
}
