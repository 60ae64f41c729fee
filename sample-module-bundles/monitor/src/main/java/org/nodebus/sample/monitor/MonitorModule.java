package org.nodebus.sample.monitor;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.SubscribeTo;
import org.nodebus.api.event.EventCategory;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleCrashed;
import org.nodebus.api.event.NodeStartupCompleted;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the module landscape whenever a module loads, unloads, reloads, crashes or changes health. */
@Component
@SubscribeTo(value = EventType.NODE_STARTUP_COMPLETED, categories = EventCategory.MODULE)
public final class MonitorModule implements EventSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorModule.class);
    private final ModuleLandscape landscape = new ModuleLandscape();

    @Override
    public void onEvent(Event event) {
        if (event.payload() instanceof NodeStartupCompleted startup) {
            LOG.info("Node started in {} ms with {} module(s): {}", startup.durationMs(), startup.components().size(),
                    landscape);
        } else if (event.payload() instanceof ModuleCrashed crash) {
            landscape.apply(crash);
            LOG.warn("Module {} crashed: {}; modules now {}", crash.moduleId(), crash.error(), landscape);
        } else if (landscape.apply(event.payload())) {
            LOG.info("{}{}; modules now {}", event.type().eventName(), event.replay() ? " (replay)" : "", landscape);
        }
    }
}
