package org.nodebus.eventmanager.runtime;

import java.time.Duration;
import java.util.Objects;

import org.nodebus.api.DeliveryReport;
import org.nodebus.api.Event;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;

/**
 * The {@link EventPublisher} one bundle gets: it publishes under that bundle's module id. One rule for the
 * publisher id: an event reserved to the node (module, node, maintenance and resource categories) carries
 * {@value Event#NODE_PUBLISHER}, whichever node component published it, as the EventManager's own and the
 * operator's events do; every other event carries the publishing module's id.
 */
final class ModuleEventPublisher implements EventPublisher, PerBundle.Releasable {
    private final EventManagerRuntime runtime;
    private final CallingModule module;
    private volatile boolean released;

    ModuleEventPublisher(EventManagerRuntime runtime, CallingModule module) {
        this.runtime = runtime;
        this.module = module;
    }

    /** The framework released this instance: every later call is refused. */
    @Override
    public void release() {
        released = true;
    }

    @Override
    public void publish(EventPayload payload) {
        runtime.core().publish(publisherOf(checked(payload)), payload);
    }

    @Override
    public DeliveryReport publishAndAwait(EventPayload payload, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout must not be null");
        return runtime.core().publishAndAwait(publisherOf(checked(payload)), payload, timeout);
    }

    private String publisherOf(EventPayload payload) {
        return payload.type().isReserved() ? Event.NODE_PUBLISHER : module.id();
    }

    private EventPayload checked(EventPayload payload) {
        if (released) {
            throw module.released("EventPublisher", "publish");
        }
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
