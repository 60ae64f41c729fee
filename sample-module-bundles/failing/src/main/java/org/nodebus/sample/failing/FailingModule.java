package org.nodebus.sample.failing;

import java.util.Map;
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

/**
 * Throws on some blocks, so {@code nodebus:stats} shows failures and the module turns DEGRADED; with
 * {@code crash.at} set, throws an {@link Error} and crashes (the EventManager's crash policy applies).
 */
@Component(configurationPid = FailingModule.PID)
@Designate(ocd = FailingModule.Config.class)
@SubscribeTo(EventType.NEW_BLOCK)
public final class FailingModule implements EventSubscriber {
    static final String PID = "org.nodebus.sample.failing";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FailingModule.class);

    @ObjectClassDefinition(id = PID, name = "NodeBus sample: failing module")
    public @interface Config {
        @AttributeDefinition(name = "Fail every n-th block", min = "0", max = "1000000", description = "0 never fails.")
        int fail_every() default 2;

        @AttributeDefinition(name = "Crash at block n", min = "0", max = "9223372036854775807", description = "0 never crashes.")
        long crash_at() default 0;
    }

    private final FailurePlan plan;
    private final AtomicLong seen = new AtomicLong();

    static final ConfigSchema<Config> SCHEMA = ConfigSchema.of(Config.class, PID);

    @Activate
    public FailingModule(Map<String, Object> properties) {
        this(plan(SCHEMA.read(properties, SCHEMA.defaults(),
                problem -> LOG.warn("Configuration {}: {}", PID, problem)).typed()));
    }

    private static FailurePlan plan(Config config) {
        return new FailurePlan(config.fail_every(), config.crash_at());
    }

    FailingModule(FailurePlan plan) {
        this.plan = plan;
    }

    @Override
    public void onEvent(Event event) {
        long n = seen.incrementAndGet();
        switch (plan.forEvent(n)) {
            case FAIL -> throw new IllegalStateException("failing module refuses event " + n + " on purpose (fail.every="
                    + plan.failEvery() + ")");
            case CRASH -> throw new AssertionError("failing module crashes at event " + n + " on purpose (crash.at="
                    + plan.crashAt() + ")");
            default -> {
            }
        }
    }
}
