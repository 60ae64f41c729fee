package org.nodebus.eventmanager.runtime;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.ModuleInfo;
import org.nodebus.api.event.EventCategory;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.delivery.Interest;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.eventmanager.config.EventManagerConfig;
import org.nodebus.eventmanager.config.DeliverySettings;
import org.nodebus.eventmanager.config.SettingsParser;
import org.nodebus.eventmanager.history.EventHistory;
import org.nodebus.eventmanager.spi.DeliveryMonitor;
import org.nodebus.eventmanager.delivery.DeliveryCore;
import org.nodebus.eventmanager.delivery.SubscriberEntry;
import org.nodebus.eventmanager.lifecycle.ModuleIdentity;
import org.nodebus.eventmanager.lifecycle.ModuleLifecycle;
import org.nodebus.eventmanager.shell.DurableCommand;
import org.nodebus.eventmanager.shell.EventCommands;
import org.nodebus.eventmanager.shell.EventsCommand;
import org.nodebus.internal.shell.ShellOnly;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
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
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EventManager's heart in the framework: owns the {@link DeliveryCore}, reads the configuration,
 * tracks whiteboard {@link EventSubscriber} services, removes modules whose bundles stop, and bridges to
 * EventAdmin. It registers the bundle-scoped {@code EventManager} and {@code EventPublisher} services (one
 * instance per using bundle, acting for that bundle's module) and the shell commands (for the Gogo shell
 * only); it is no service itself, so no other bundle can reach the core.
 */
// registered by hand (bundle-scoped factories), so DS writes no capability for them: a resolver must see
// that this bundle provides what every module's @Reference requires
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.nodebus.api.EventManager",
        uses = EventManager.class)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.nodebus.api.EventPublisher",
        uses = EventPublisher.class)
@Component(service = {}, immediate = true, configurationPid = SettingsParser.PID)
@Designate(ocd = EventManagerConfig.class)
public final class EventManagerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(EventManagerRuntime.class);

    private final BundleContext context;
    private final DeliveryCore core;
    private final ModuleLifecycle lifecycle;
    private final Map<ServiceReference<?>, SubscriberEntry> whiteboard = new ConcurrentHashMap<>();
    private final SynchronousBundleListener bundleListener = this::bundleChanged;
    /**
     * Guards eventAdmin, bridge and bridgedTo: which EventAdmin the bridge subscriber posts to. Taken by SCR's
     * threads only; it is held across the bridge's subscribe and unsubscribe, so its order is bridgeLock
     * before the publish lock, and nothing takes it while holding the publish lock.
     */
    private final Object bridgeLock = new Object();
    private EventAdmin eventAdmin;
    private SubscriberEntry bridge;
    private EventAdmin bridgedTo;
    private final List<ServiceRegistration<?>> registrations;
    /** The configuration in force; written by activation and {@code @Modified}, which DS serialises. */
    private volatile SettingsParser.Result configuration;
    /** The event history, or null when history.size is 0; changed like configuration, under the publish lock. */
    private volatile EventHistory history;
    private final DurableSubscriptions durables;

    @Activate
    public EventManagerRuntime(BundleContext context, Map<String, Object> properties,
            @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.configuration = parse(properties, SettingsParser.DEFAULTS);
        this.core = new DeliveryCore(configuration.settings());
        this.lifecycle = new ModuleLifecycle(context, core, scr, () -> core.settings().crashPolicy());
        core.setSubscriptionObserver(lifecycle);
        core.setHealthListener(lifecycle);
        this.durables = new DurableSubscriptions(context, core, configuration.values().typed());
        List<ServiceRegistration<?>> registered = new ArrayList<>();
        context.addBundleListener(bundleListener);
        try {
            updateHistory();
            durables.openIfPresent(); // before any module is announced, so sequence numbers go on
            lifecycle.start();
            registerServices(context, registered);
        } catch (RuntimeException | Error e) {
            // DS does not call deactivate after a constructor threw: leave nothing behind
            unregister(registered);
            context.removeBundleListener(bundleListener);
            lifecycle.close();
            core.close();
            throw e;
        }
        registrations = List.copyOf(registered);
        LOG.info("EventManager started: queue size {}, {} delivery threads, listener time limit {} ms",
                core.settings().bufferSize(), core.settings().deliveryThreads(),
                core.settings().listenerTimeout().toMillis());
    }

    private void registerServices(BundleContext context, List<ServiceRegistration<?>> registered) {
        registered.add(context.registerService(EventManager.class, new PerBundle<EventManager>(
                b -> new ModuleEventManager(this, CallingModule.of(context, b))), null));
        registered.add(context.registerService(EventPublisher.class, new PerBundle<EventPublisher>(
                b -> new ModuleEventPublisher(this, CallingModule.of(context, b))), null));
        registered.add(context.registerService(DeliveryMonitor.class, new PerBundle<DeliveryMonitor>(
                b -> new OperatorMonitor(core, b.getSymbolicName())), null));
        registered.add(ShellOnly.register(context, EventCommands.class, new EventCommands(this), "nodebus",
                EventCommands.FUNCTIONS));
        registered.add(ShellOnly.register(context, EventsCommand.class, new EventsCommand(this::history), "nodebus",
                EventsCommand.FUNCTIONS));
        registered.add(ShellOnly.register(context, DurableCommand.class, new DurableCommand(durables::list,
                durables::describe), "nodebus", DurableCommand.FUNCTIONS));
    }

    private static void unregister(List<ServiceRegistration<?>> registrations) {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
    }

    /** Declarative Services' runtime service, watched for its {@code service.changecount}. */
    @Reference(name = "componentChanges", service = ServiceComponentRuntime.class,
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            updated = "componentsChanged", unbind = "componentRuntimeGone")
    void componentRuntimeFound(ServiceReference<ServiceComponentRuntime> reference) {
        lifecycle.componentsChanged();
    }

    /**
     * Declarative Services changed its {@code service.changecount}: some component changed state, so the
     * modules waiting for their components are asked again.
     */
    void componentsChanged(ServiceReference<ServiceComponentRuntime> reference) {
        lifecycle.componentsChanged();
    }

    void componentRuntimeGone(ServiceReference<ServiceComponentRuntime> reference) {
        // the static reference of the constructor deactivates the EventManager with it
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configuration = parse(properties, configuration);
        core.apply(configuration.settings());
        updateBridge();
        updateHistory();
        durables.configure(configuration.values().typed());
        DeliverySettings applied = configuration.settings();
        LOG.info("EventManager configuration applied: queue size {}, per-module sizes {}, failure limit {}, "
                + "listener time limit {} ms, crash policy {}, EventAdmin bridge {}", applied.bufferSize(),
                applied.moduleBufferSizes(), applied.failureLimit(), applied.listenerTimeout().toMillis(),
                applied.crashPolicy(), applied.eventAdminBridge() ? "on" : "off");
    }

    private static SettingsParser.Result parse(Map<String, ?> properties, SettingsParser.Result previous) {
        SettingsParser.Result result = SettingsParser.parse(properties, previous);
        for (String error : result.errors()) {
            LOG.error("Configuration {}: {}", SettingsParser.PID, error);
        }
        List<String> unknown = SettingsParser.SCHEMA.unknownKeys(properties);
        if (!unknown.isEmpty()) {
            LOG.warn("Configuration {}: unknown key(s) {} ignored; the keys are {}", SettingsParser.PID, unknown,
                    SettingsParser.SCHEMA.attributes().stream().map(a -> a.key()).toList());
        }
        return result;
    }

    @Deactivate
    void deactivate() {
        unregister(registrations);
        context.removeBundleListener(bundleListener);
        lifecycle.close();
        core.close();
        LOG.info("EventManager stopped");
    }

    /** @return the delivery core */
    public DeliveryCore core() {
        return core;
    }

    /**
     * Whether a bundle may publish reserved events: the EventManager itself and the configured node
     * components. Trust comes from configuration only, never from a manifest header.
     */
    public boolean mayPublishReserved(String moduleId) {
        return context.getBundle().getSymbolicName().equals(moduleId) || core.settings().nodeComponents().contains(moduleId);
    }

    /** @return the loaded modules, in load order, with their health and queue depth now */
    public List<ModuleInfo> loadedModules() {
        return lifecycle.loadedModules().stream()
                .map(m -> new ModuleInfo(m.moduleId(), m.version(), m.bundleId(),
                        core.health(m.moduleId()).orElse(ModuleHealth.HEALTHY), core.queueDepth(m.moduleId()),
                        m.loadedSince()))
                .toList();
    }

    // ---- whiteboard -----------------------------------------------------------------------------

    @Reference(service = EventSubscriber.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addSubscriber(EventSubscriber subscriber, ServiceReference<EventSubscriber> reference) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return;
        }
        Optional<Interest> interest = interestOf(reference);
        if (interest.isEmpty()) {
            lifecycle.subscriberIgnored(bundle.getBundleId(), bundle.getSymbolicName());
            return;
        }
        Optional<Bundle> namesake = ModuleIdentity.olderNamesake(context, bundle);
        if (namesake.isPresent()) {
            LOG.error("Ignoring a subscriber of module {}: {}", bundle.getSymbolicName(),
                    ModuleIdentity.refusal(bundle, namesake.get(), "subscribe"));
            return;
        }
        Object durableName = reference.getProperty(EventSubscriber.DURABLE_PROPERTY);
        String name = durableName == null ? "" : String.valueOf(durableName).strip();
        try {
            whiteboard.put(reference, name.isEmpty()
                    ? core.subscribe(bundle.getSymbolicName(), bundle.getBundleId(), interest.get(), subscriber)
                    : subscribeDurable(bundle, name, interest.get(), subscriber));
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.error("Module {}: EventSubscriber service {} is not subscribed: {}", bundle.getSymbolicName(),
                    reference.getProperty("service.id"), e.getMessage());
        }
    }

    /** A durable subscription of a module, the journal opened if need be. */
    SubscriberEntry subscribeDurable(Bundle bundle, String name, Interest interest, EventSubscriber subscriber) {
        durables.journalFor(bundle.getSymbolicName(), name);
        return core.subscribeDurable(bundle.getSymbolicName(), bundle.getBundleId(), name, interest, subscriber);
    }

    /** Durable subscriptions: the journal, replays, deletion, the list. */
    DurableSubscriptions durables() {
        return durables;
    }

    void updatedSubscriber(EventSubscriber subscriber, ServiceReference<EventSubscriber> reference) {
        SubscriberEntry entry = whiteboard.get(reference);
        Optional<Interest> interest = interestOf(reference);
        if (entry == null) {
            addSubscriber(subscriber, reference);
        } else if (interest.isEmpty()) {
            removeSubscriber(reference);
        } else {
            core.update(entry, interest.get());
        }
    }

    void removeSubscriber(ServiceReference<EventSubscriber> reference) {
        SubscriberEntry entry = whiteboard.remove(reference);
        if (entry != null) {
            core.unsubscribe(entry);
        }
    }

    /** What a whiteboard subscriber asks for, or empty (and the log says why) when it cannot be subscribed. */
    private Optional<Interest> interestOf(ServiceReference<?> reference) {
        String owner = reference.getBundle() == null ? "?" : reference.getBundle().getSymbolicName();
        SubscriberInterest.Parsed parsed = SubscriberInterest.of(owner, reference::getProperty);
        Object serviceId = reference.getProperty("service.id");
        if (!parsed.unknown().isEmpty()) {
            LOG.error("Module {}: EventSubscriber service {} names unknown event types or categories {} in {} or {}; "
                    + "they are ignored. Valid types: {} or *; categories: {}", owner, serviceId, parsed.unknown(),
                    EventSubscriber.EVENT_TYPES_PROPERTY, EventSubscriber.CATEGORIES_PROPERTY,
                    EnumSet.allOf(EventType.class), EnumSet.allOf(EventCategory.class));
        }
        if (parsed.error().isPresent()) {
            LOG.error("Module {}: EventSubscriber service {} is not subscribed: {}", owner, serviceId,
                    parsed.error().get());
        } else if (parsed.interest().isEmpty()) {
            LOG.warn("Module {}: EventSubscriber service {} names no event type in {} or category in {}; it receives "
                    + "nothing (annotate it with @SubscribeTo)", owner, serviceId, EventSubscriber.EVENT_TYPES_PROPERTY,
                    EventSubscriber.CATEGORIES_PROPERTY);
        }
        return parsed.interest();
    }

    // ---- event history --------------------------------------------------------------------------

    /** The last events the node delivered, if the history is on. */
    public Optional<EventHistory> history() {
        return Optional.ofNullable(history);
    }

    private void updateHistory() {
        int size = configuration.values().typed().history_size();
        // swapped under the publish lock, so no event falls between the old ring and the new one
        core.atomically(() -> {
            EventHistory current = history;
            EventHistory next = size == 0 ? null : current == null ? new EventHistory(size)
                    : current.capacity() == size ? current : current.resized(size);
            history = next;
            core.setRecorder(next == null ? null : next::record);
        });
    }

    // ---- EventAdmin bridge ----------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEventAdmin(EventAdmin admin) {
        synchronized (bridgeLock) {
            eventAdmin = admin;
        }
        updateBridge();
    }

    void unsetEventAdmin(EventAdmin admin) {
        synchronized (bridgeLock) {
            if (eventAdmin == admin) {
                eventAdmin = null;
            }
        }
        updateBridge();
    }

    private void updateBridge() {
        synchronized (bridgeLock) {
            EventAdmin target = core.settings().eventAdminBridge() ? eventAdmin : null;
            if (target == bridgedTo) {
                return;
            }
            if (bridge != null) {
                core.unsubscribe(bridge);
                bridge = null;
            }
            bridgedTo = target;
            if (target != null) {
                bridge = core.subscribe(context.getBundle().getSymbolicName(), context.getBundle().getBundleId(), EnumSet.allOf(EventType.class),
                        new EventAdminBridge(target));
            }
        }
    }

    // ---- bundles --------------------------------------------------------------------------------

    private void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        String id = bundle.getSymbolicName();
        long bundleId = bundle.getBundleId();
        // the system bundle "stops" while the node shuts down; its listeners must hear the shutdown to the end
        if (bundleId == 0) {
            return;
        }
        switch (event.getType()) {
            case BundleEvent.STARTING -> core.bundleStarting(bundleId);
            case BundleEvent.STOPPING -> core.bundleStopping(id, bundleId);
            case BundleEvent.STOPPED -> core.bundleStopped(id, bundleId);
            case BundleEvent.UNINSTALLED -> core.forget(id, bundleId);
            case BundleEvent.UPDATED -> core.renamed(bundleId, id);
            default -> {
            }
        }
        // a bundle without a symbolic name (id null) is no module, but it may have been one before an update
        lifecycle.bundleChanged(event);
    }
}
