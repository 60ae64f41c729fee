package org.nodebus.sample.slow;

import java.util.Map;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;
import org.nodebus.api.SubscribeTo;
import org.nodebus.api.event.EventType;
import org.nodebus.internal.config.ConfigSchema;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes its time over every block and transaction, so its queue fills and further events are dropped
 * and counted: watch it with {@code nodebus:stats}. It is never cut off; it just misses events.
 */
@Component(configurationPid = SlowModule.PID)
@Designate(ocd = SlowModule.Config.class)
@SubscribeTo({EventType.NEW_BLOCK, EventType.NEW_TRANSACTION})
public final class SlowModule implements EventSubscriber {
    static final String PID = "org.nodebus.sample.slow";
    private static final Logger LOG = LoggerFactory.getLogger(SlowModule.class);

    @ObjectClassDefinition(id = PID, name = "NodeBus sample: slow module")
    public @interface Config {
        @AttributeDefinition(name = "Time per event (ms)", min = "0", max = "600000")
        long delay_ms() default 2000;
    }

    /** How the module spends its time; a test passes one that does not really wait. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final Duration delay;
    private final Pause pause;
    private final AtomicLong handled = new AtomicLong();

    static final ConfigSchema<Config> SCHEMA = ConfigSchema.of(Config.class, PID);

    @Activate
    public SlowModule(Map<String, Object> properties) {
        this(Duration.ofMillis(SCHEMA.read(properties, SCHEMA.defaults(),
                problem -> LOG.warn("Configuration {}: {}", PID, problem)).typed().delay_ms()),
                d -> Thread.sleep(d.toMillis()));
        LOG.info("Slow module takes {} ms per event", delay.toMillis());
    }

    SlowModule(Duration delay, Pause pause) {
        this.delay = delay;
        this.pause = pause;
    }

    @Override
    public void onEvent(Event event) {
        try {
            // slowness is this module's purpose: it sits on the delivery thread on purpose
            pause.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long n = handled.incrementAndGet();
        if (event.droppedBefore() > 0) {
            LOG.info("Slow module handled {} #{}; missed {} events before it ({} handled in all)",
                    event.type().eventName(), event.sequence(), event.droppedBefore(), n);
        }
    }

    long handled() {
        return handled.get();
    }
}
