package org.nodebus.eventmanager.runtime;

import java.time.Duration;
import java.util.Objects;

import org.nodebus.api.DeliveryReport;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/** The {@link EventPublisher} one bundle gets: it publishes under that bundle's module id. */
@Component(service = EventPublisher.class, scope = ServiceScope.BUNDLE)
public final class ModuleEventPublisher implements EventPublisher {
    private final EventManagerRuntime runtime;
    private final CallingModule module;

    @Activate
    public ModuleEventPublisher(ComponentContext context, @Reference EventManagerRuntime runtime) {
        this.runtime = runtime;
        this.module = CallingModule.of(context);
    }

    @Override
    public void publish(EventPayload payload) {
        runtime.core().publish(module.id(), checked(payload));
    }

    @Override
    public DeliveryReport publishAndAwait(EventPayload payload, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout must not be null");
        return runtime.core().publishAndAwait(module.id(), checked(payload), timeout);
    }

    private EventPayload checked(EventPayload payload) {
        module.checkIdentity("publish");
        Objects.requireNonNull(payload, "payload must not be null: publish an event record such as new NewBlock(hash, height)");
        EventType type = payload.type();
        if (type.isReserved() && !runtime.mayPublishReserved(module.id())) {
            throw new SecurityException("Module " + module.id() + " may not publish " + type.eventName() + ": "
                    + type.category() + " events are reserved to the node (the EventManager and the node components "
                    + runtime.core().settings().nodeComponents() + "). Modules publish CORE, GOVERNANCE and NETWORK "
                    + "events; an operator can list a trusted bundle in node.components of "
                    + "org.nodebus.eventmanager.");
        }
        return payload;
    }
}
